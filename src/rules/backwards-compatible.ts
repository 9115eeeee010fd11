import { basename } from 'node:path';
import { qualified, strings, type RangeVar } from '../sql/ast.js';
import { parseRollbackName } from '../migrations/naming.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isGenerated, sqlFinding } from './helpers.js';
import type { Rule } from './types.js';

const ID = 'backwards-compatible';

export const backwardsCompatible: Rule = {
  id: ID,
  title: 'Changes that break the app version still deployed are hazards (breaks-clients)',
  severity: 'warning',
  docs: `## Why
A migration runs while the previous version of the app still serves requests, and that version
keeps running until the new one is out everywhere. Whatever it names must still be there and take
what it writes: dropping or renaming a table or column, narrowing a type, removing or renaming an
enum value, or adding a NOT NULL column without a default (its inserts omit the column) makes its
queries fail. \`schema plan\` marks these changes \`breaks-clients\`, says what the deployed version
loses (in the text, JSON and markdown reports), and wants \`--allow-hazard breaks-clients\` (or
\`all\`). A drop that \`--allow-destructive\` accepts is accepted with its breakage: the flag
already says the thing is to go. Lint warns on renames in hand-written files (drops are
\`destructive\`'s); rollback files are exempt.

## Bad
\`\`\`sql
ALTER TABLE public.profiles RENAME COLUMN name TO display_name;
\`\`\`

## Good
Expand, then contract: add \`display_name\` and have the app write both; deploy; backfill; move the
reads; deploy; then drop \`name\` in a later migration (\`schema plan --allow-destructive\`). For a
new NOT NULL column, give it a default, or add it nullable first.

## Waive
\`-- schema:waive backwards-compatible no client reads this table yet\` on the statement's line or the line before.
`,
  checkSql(input) {
    if (isGenerated(input) || parseRollbackName(basename(input.path)) !== undefined) return [];
    const findings: Finding[] = [];
    for (const unit of analysisOf(input).units) {
      const b = unit.body;
      if (unit.kind === 'RenameStmt' && (b['renameType'] === 'OBJECT_TABLE' || b['renameType'] === 'OBJECT_COLUMN')) {
        const table = qualified(b['relation'] as RangeVar);
        const what = b['renameType'] === 'OBJECT_TABLE' ? `table ${table}` : `column ${table}.${String(b['subname'])}`;
        findings.push(sqlFinding(input, unit, undefined, 'warning', ID, `renaming ${what} to ${String(b['newname'])} breaks the app version still deployed, which uses the old name`,
          'add the new name beside the old one (expand), move the app over, then drop the old one (contract)'));
      } else if (unit.kind === 'AlterEnumStmt' && b['oldVal'] !== undefined) {
        findings.push(sqlFinding(input, unit, undefined, 'warning', ID, `renaming value '${String(b['oldVal'])}' of enum ${strings(b['typeName']).join('.')} breaks the app version still deployed, which writes the old value`,
          'add the new value, move the app over, then remove the old one'));
      }
    }
    return findings;
  },
};
