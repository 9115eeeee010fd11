import type { Finding } from '../util/findings.js';
import { isWaived, specFinding, tablesOf } from './helpers.js';
import type { Rule } from './types.js';

const ID = 'updated-at-trigger';
const FUNCTION = 'update_updated_at_column';
/** `NEW.updated_at = ...` / `NEW.updated_at := ...` in a trigger function's body. */
const SETS_UPDATED_AT = /\bNEW\s*\.\s*"?updated_at"?\s*:?=/i;

export const updatedAtTrigger: Rule = {
  id: ID,
  title: 'A table with updated_at has a BEFORE UPDATE trigger that sets it (update_updated_at_column() or any function setting NEW.updated_at)',
  severity: 'warning',
  docs: `## Why
An \`updated_at\` column that nothing maintains keeps its insert time forever, and every consumer
that syncs "rows changed since" misses updates. One shared trigger function, created once with
\`CREATE OR REPLACE\`, keeps it right whoever writes the row.

## Bad
\`\`\`yaml
notifications:
  columns:
    updated_at: { type: timestamptz, not_null: true, default: now() }
  # no trigger
\`\`\`

## Good
\`\`\`yaml
notifications:
  columns:
    updated_at: { type: timestamptz, not_null: true, default: now() }
  triggers:
    update_notifications_updated_at: { before: update, for_each: row, function: update_updated_at_column }
\`\`\`
\`\`\`sql
CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
\`\`\`
Checked on the YAML only (\`schema validate\`); hand-written SQL is not checked for it.

## Waive
YAML: \`waive: { updated-at-trigger: "set by the application" }\` on the table or the column.
`,
  checkSpec(input) {
    const findings: Finding[] = [];
    // Any trigger function of the spec whose body sets NEW.updated_at keeps it, whatever its name.
    const maintains = new Set([FUNCTION]);
    for (const [name, fn] of Object.entries(input.loaded.spec.functions ?? {})) {
      if (typeof fn.body === 'string' && SETS_UPDATED_AT.test(fn.body)) maintains.add(name.split('.').pop()!);
    }
    for (const [key, table] of tablesOf(input)) {
      const column = table.columns?.['updated_at'];
      if (!column || isWaived(ID, table, column)) continue;
      const ok = Object.values(table.triggers ?? {}).some((trigger) => {
        const before = trigger.before === undefined ? [] : typeof trigger.before === 'string' ? [trigger.before] : trigger.before;
        const name = trigger.function.split('.').pop()?.replace(/\(\)$/, '');
        return before.includes('update') && (trigger.for_each ?? 'row') === 'row' && name !== undefined && maintains.has(name);
      });
      if (!ok) {
        findings.push(specFinding(input, `tables/${key}/columns/updated_at`, 'warning', ID,
          `${key} has updated_at but no BEFORE UPDATE FOR EACH ROW trigger whose function sets NEW.updated_at (such as ${FUNCTION}())`,
          `add triggers: { update_${key.split('.').pop()}_updated_at: { before: update, for_each: row, function: ${FUNCTION} } }`));
      }
    }
    return findings;
  },
};
