import { qualified, schemaOf, type RangeVar } from '../sql/ast.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isExposed, isWaived, specFinding, splitTableKey, sqlFinding, tablesOf } from './helpers.js';
import type { Rule } from './types.js';

const ID = 'rls-required';

export const rlsRequired: Rule = {
  id: ID,
  title: 'Tables in an exposed schema enable RLS and have a policy',
  severity: 'error',
  docs: `## Why
Supabase's Data API serves every table of an exposed schema (\`public\`) to anyone holding the anon
key. Without row level security, a table granted to \`anon\`/\`authenticated\` is world-readable and
world-writable. RLS without a policy denies everything, which is safe but usually a mistake.

## Bad
\`\`\`sql
CREATE TABLE public.notes (id uuid PRIMARY KEY, body text);
\`\`\`

## Good
\`\`\`sql
CREATE TABLE IF NOT EXISTS public.notes (id uuid PRIMARY KEY, user_id uuid NOT NULL, body text);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = 'notes' AND policyname = 'notes_own') THEN
    CREATE POLICY notes_own ON public.notes FOR ALL TO authenticated USING (auth.uid() = user_id);
  END IF;
END $$;
\`\`\`
\`\`\`yaml
notes: { rls: true, policies: { notes_own: { to: authenticated, using: auth.uid() = user_id } } }
\`\`\`

## Waive
YAML, on the table: \`waive: { rls-required: "read-only lookup table, no grants" }\`.
SQL: \`-- schema:waive rls-required reason\` on the CREATE TABLE line or the line before.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const analysis = analysisOf(input);
    for (const unit of analysis.units) {
      if (unit.kind !== 'CreateStmt') continue;
      const relation = unit.body['relation'] as RangeVar;
      if (relation.relpersistence === 't' || !isExposed(schemaOf(relation), input)) continue;
      const name = qualified(relation);
      if (analysis.rlsTables.has(name)) continue;
      findings.push(sqlFinding(input, unit, relation.location, 'error', ID,
        `table ${name} is in an exposed schema but this file does not enable row level security on it`,
        `add ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY; and policies, in the same migration`));
    }
    return findings;
  },
  checkSpec(input) {
    const findings: Finding[] = [];
    for (const [key, table] of tablesOf(input)) {
      if (!isExposed(splitTableKey(key).schema, input) || isWaived(ID, table)) continue;
      if (table.rls !== true) {
        findings.push(specFinding(input, `tables/${key}/rls`, 'error', ID,
          `table ${key} is in an exposed schema without rls: true`,
          'add rls: true and at least one policy (or waive: { rls-required: "reason" } on the table)'));
      } else if (Object.keys(table.policies ?? {}).length === 0) {
        findings.push(specFinding(input, `tables/${key}/rls`, 'error', ID,
          `table ${key} enables RLS but has no policy, so every Data API request is denied`,
          'add a policy under policies: (or waive: { rls-required: "reason" } on the table)'));
      }
    }
    return findings;
  },
};
