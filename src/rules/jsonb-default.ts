import { location, type Node, type TypeNameNode } from '../sql/ast.js';
import { fromTypeName, isJsonb, parseType } from '../sql/types.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isWaived, specFinding, sqlFinding, tablesOf } from './helpers.js';
import { columnConstraintTypes, columnsOf } from './sql-facts.js';
import type { Rule } from './types.js';

const ID = 'jsonb-default';

export const jsonbDefault: Rule = {
  id: ID,
  title: "jsonb columns default to '{}'::jsonb or '[]'::jsonb",
  severity: 'warning',
  docs: `## Why
A jsonb column without a default holds NULL, and every reader must tell NULL from \`{}\`:
\`payload->>'x'\` works on both, but \`jsonb_set(payload, ...)\` and \`payload || '{}'\` return NULL
on NULL and silently lose the update.

## Bad
\`\`\`sql
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS payload jsonb;
\`\`\`

## Good
\`\`\`sql
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS payload jsonb NOT NULL DEFAULT '{}'::jsonb;
\`\`\`
\`\`\`yaml
payload: { type: jsonb, not_null: true, default: {} }
\`\`\`

## Waive
YAML: \`waive: { jsonb-default: "NULL means not fetched yet" }\` on the column. SQL: \`-- schema:waive jsonb-default reason\`.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    for (const column of columnsOf(analysisOf(input))) {
      if (column.origin === 'alter-type') continue;
      const type = column.def['typeName'] as TypeNameNode | undefined;
      if (!type || !isJsonb(fromTypeName(type))) continue;
      const kinds = columnConstraintTypes(column.def);
      if (kinds.includes('CONSTR_DEFAULT') || kinds.includes('CONSTR_GENERATED')) continue;
      findings.push(sqlFinding(input, column.unit, location(column.def as Node) ?? type.location, 'warning', ID,
        `jsonb column ${column.table}.${column.name} has no default`, `add DEFAULT '{}'::jsonb (or '[]'::jsonb for a list)`));
    }
    return findings;
  },
  checkSpec(input) {
    const findings: Finding[] = [];
    for (const [key, table] of tablesOf(input)) {
      for (const [name, column] of Object.entries(table.columns ?? {})) {
        if (typeof column?.type !== 'string' || !isJsonb(parseType(column.type))) continue;
        if (column.default !== undefined || column.generated !== undefined || isWaived(ID, table, column)) continue;
        findings.push(specFinding(input, `tables/${key}/columns/${name}`, 'warning', ID, `jsonb column ${key}.${name} has no default`,
          'add default: {} (or default: [] for a list)'));
      }
    }
    return findings;
  },
};
