import { location, qualified, type RangeVar } from '../sql/ast.js';
import type { Unit } from '../sql/analyze.js';
import type { SqlToken } from '../sql/parse.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isUsersTable, isWaived, specFinding, sqlFinding, tablesOf } from './helpers.js';
import { constraintsOf } from './sql-facts.js';
import type { Rule } from './types.js';

const ID = 'fk-on-delete';
const ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** Whether the constraint's own tokens say ON DELETE (the AST stores a missing clause as NO ACTION). */
function saysOnDelete(tokens: readonly SqlToken[], start: number): boolean {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  let depth = 0;
  for (let i = lo; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    if (text === '(') depth++;
    else if (text === ')') {
      if (--depth < 0) return false;
    } else if ((text === ',' && depth === 0) || text === ';') return false;
    else if (depth === 0 && text.toUpperCase() === 'ON' && tokens[i + 1]?.text.toUpperCase() === 'DELETE') return true;
  }
  return false;
}

export const fkOnDelete: Rule = {
  id: ID,
  title: 'Every foreign key states ON DELETE; references to users CASCADE or SET NULL',
  severity: 'error',
  docs: `## Why
Without ON DELETE the default is NO ACTION: deleting a user (a GDPR request, a test cleanup) fails
with a foreign-key error deep in production, or worse, someone "fixes" it by hand. Say what happens.
References to users are \`CASCADE\` (data the user owns) or \`SET NULL\` (an optional link).

## Bad
\`\`\`sql
CREATE TABLE notes (user_id uuid REFERENCES auth.users (id));
\`\`\`
\`\`\`yaml
user_id: { type: uuid, references: { table: auth.users } }
\`\`\`

## Good
\`\`\`sql
CREATE TABLE IF NOT EXISTS notes (user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE);
\`\`\`
\`\`\`yaml
user_id: { type: uuid, references: { table: auth.users, on_delete: cascade } }
\`\`\`

## Waive
YAML: \`waive: { fk-on-delete: "reason" }\` on the column or table. SQL: \`-- schema:waive fk-on-delete reason\`.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    for (const { unit, table, constraint, column } of constraintsOf(analysisOf(input))) {
      if (constraint['contype'] !== 'CONSTR_FOREIGN') continue;
      const target = qualified(constraint['pktable'] as RangeVar);
      const action = String(constraint['fk_del_action'] ?? 'a');
      const where = column ? `${table}.${column}` : table;
      const loc = location(constraint);
      if (action === 'a' && !saysOnDelete((unit as Unit).tokens(), loc ?? 0)) {
        findings.push(sqlFinding(input, unit, loc, 'error', ID, `foreign key on ${where} -> ${target} has no ON DELETE`,
          isUsersTable(target) ? 'add ON DELETE CASCADE (owned data) or ON DELETE SET NULL (optional link)' : 'add ON DELETE CASCADE, SET NULL or RESTRICT: say what deleting the parent does'));
      } else if (isUsersTable(target) && action !== 'c' && action !== 'n') {
        findings.push(sqlFinding(input, unit, loc, 'warning', ID, `foreign key on ${where} -> ${target} is ON DELETE ${ACTIONS[action] ?? action}: deleting a user will fail`,
          'use ON DELETE CASCADE (owned data) or ON DELETE SET NULL (optional link)'));
      }
    }
    return findings;
  },
  checkSpec(input) {
    const findings: Finding[] = [];
    for (const [key, table] of tablesOf(input)) {
      for (const [name, column] of Object.entries(table.columns ?? {})) {
        const ref = column?.references;
        if (!ref || isWaived(ID, table, column)) continue;
        const path = `tables/${key}/columns/${name}/references`;
        if (!ref.on_delete) {
          findings.push(specFinding(input, path, 'error', ID, `${key}.${name} references ${ref.table} without on_delete`,
            isUsersTable(ref.table) ? 'add on_delete: cascade (owned data) or on_delete: set null (optional link)' : 'add on_delete: cascade | set null | restrict'));
        } else if (isUsersTable(ref.table) && ref.on_delete !== 'cascade' && ref.on_delete !== 'set null') {
          findings.push(specFinding(input, `${path}/on_delete`, 'warning', ID, `${key}.${name} references ${ref.table} with on_delete: ${ref.on_delete}: deleting a user will fail`,
            'use on_delete: cascade (owned data) or on_delete: set null (optional link)'));
        }
      }
      if (isWaived(ID, table)) continue;
      for (const [name, fk] of Object.entries(table.foreign_keys ?? {})) {
        const path = `tables/${key}/foreign_keys/${name}`;
        if (!fk.on_delete) {
          findings.push(specFinding(input, path, 'error', ID, `foreign key ${name} on ${key} -> ${fk.references.table} has no on_delete`, 'add on_delete: cascade | set null | restrict'));
        } else if (isUsersTable(fk.references.table) && fk.on_delete !== 'cascade' && fk.on_delete !== 'set null') {
          findings.push(specFinding(input, `${path}/on_delete`, 'warning', ID, `foreign key ${name} on ${key} -> ${fk.references.table} is on_delete: ${fk.on_delete}`,
            'use on_delete: cascade (owned data) or on_delete: set null (optional link)'));
        }
      }
    }
    return findings;
  },
};
