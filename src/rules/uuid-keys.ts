import { inner, qualified, strings, type Node, type RangeVar, type TypeNameNode } from '../sql/ast.js';
import { fromTypeName, INTEGER_TYPES, parseType, SERIAL_TYPES } from '../sql/types.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isUsersTable, isWaived, specFinding, sqlFinding, tablesOf } from './helpers.js';
import { columnConstraintTypes } from './sql-facts.js';
import type { Rule } from './types.js';
import { own } from '../util/object-keys.js';

const ID = 'uuid-keys';
const FIX = 'use id uuid PRIMARY KEY DEFAULT gen_random_uuid(): sequential ids leak row counts and collide across environments';

const isIntegerKey = (typeName: string, identity: boolean): boolean =>
  SERIAL_TYPES.has(typeName) || (identity && INTEGER_TYPES.has(typeName)) || INTEGER_TYPES.has(typeName);

export const uuidKeys: Rule = {
  id: ID,
  title: 'Tables linked to users have uuid primary keys',
  severity: 'warning',
  docs: `## Why
Rows that belong to users travel: through the Data API, into URLs, across environments. A
\`serial\` key leaks how many rows exist and is guessable; uuids are not, and match \`auth.users.id\`.

## Bad
\`\`\`sql
CREATE TABLE notes (id serial PRIMARY KEY, user_id uuid REFERENCES auth.users ON DELETE CASCADE);
\`\`\`

## Good
\`\`\`sql
CREATE TABLE IF NOT EXISTS notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE
);
\`\`\`
A 1-to-1 profile table may use the user id itself as its primary key.

## Waive
YAML: \`waive: { uuid-keys: "reason" }\` on the table. SQL: \`-- schema:waive uuid-keys reason\`.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    for (const unit of analysisOf(input).units) {
      if (unit.kind !== 'CreateStmt') continue;
      const elements = ((unit.body['tableElts'] as Node[] | undefined) ?? []);
      const columns = elements.filter((e) => 'ColumnDef' in e).map((e) => inner(e));
      const tableConstraints = elements.filter((e) => 'Constraint' in e).map((e) => inner(e));
      const referencesUsers =
        columns.some((c) => ((c['constraints'] as Node[] | undefined) ?? []).some((k) => inner(k)['contype'] === 'CONSTR_FOREIGN' && isUsersTable(qualified(inner(k)['pktable'] as RangeVar)))) ||
        tableConstraints.some((k) => k['contype'] === 'CONSTR_FOREIGN' && isUsersTable(qualified(k['pktable'] as RangeVar)));
      if (!referencesUsers) continue;
      const pkNames = new Set(tableConstraints.filter((k) => k['contype'] === 'CONSTR_PRIMARY').flatMap((k) => strings(k['keys'])));
      for (const column of columns) {
        const kinds = columnConstraintTypes(column);
        if (!kinds.includes('CONSTR_PRIMARY') && !(pkNames.size === 1 && pkNames.has(String(column['colname'])))) continue;
        const type = column['typeName'] as TypeNameNode;
        if (isIntegerKey(fromTypeName(type).name, kinds.includes('CONSTR_IDENTITY'))) {
          findings.push(sqlFinding(input, unit, type.location, 'warning', ID,
            `${qualified(unit.body['relation'] as RangeVar)} references users but its primary key ${String(column['colname'])} is ${fromTypeName(type).name}`, FIX));
        }
      }
    }
    return findings;
  },
  checkSpec(input) {
    const findings: Finding[] = [];
    for (const [tableKey, table] of tablesOf(input)) {
      const columns = Object.entries(table.columns ?? {});
      const usersColumns = new Set(columns.filter(([, c]) => c?.references && isUsersTable(c.references.table)).map(([n]) => n));
      const usersFks = Object.values(table.foreign_keys ?? {}).filter((fk) => isUsersTable(fk.references.table));
      if (usersColumns.size === 0 && usersFks.length === 0) continue;
      const pk = Array.isArray(table.primary_key) ? table.primary_key : (table.primary_key as { columns?: readonly string[] } | undefined)?.columns;
      const pkColumns = pk ?? columns.filter(([, c]) => c?.primary_key).map(([n]) => n);
      if (pkColumns.length !== 1) continue;
      const pkName = pkColumns[0]!;
      const column = own(table.columns, pkName);
      if (!column || usersColumns.has(pkName) || usersFks.some((fk) => fk.columns.includes(pkName))) continue;
      const type = parseType(column.type);
      if (!type || !isIntegerKey(type.name, column.identity !== undefined) || isWaived(ID, table, column)) continue;
      findings.push(specFinding(input, `tables/${tableKey}/columns/${pkName}/type`, 'warning', ID,
        `${tableKey} references users but its primary key ${pkName} is ${column.type}`, 'write { type: uuid, primary_key: true, default: gen_random_uuid() }'));
    }
    return findings;
  },
};
