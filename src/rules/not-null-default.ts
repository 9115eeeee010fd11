import { inner, strings, walk, type Node } from '../sql/ast.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isWaived, qualifiedKey, specFinding, sqlFinding, tablesOf } from './helpers.js';
import { altersOf, columnConstraintTypes, columnsOf, constraintsOf } from './sql-facts.js';
import type { Rule } from './types.js';

const ID = 'not-null-default';

/** Columns a CHECK expression proves NOT NULL (`col IS NOT NULL`). */
function notNullColumns(expr: unknown): string[] {
  const names: string[] = [];
  walk({ expr }, (kind, body) => {
    if (kind === 'NullTest' && body['nulltesttype'] === 'IS_NOT_NULL') {
      const fields = strings(inner(body['arg'])['fields']);
      if (fields.length) names.push(fields[fields.length - 1]!);
    }
  });
  return names;
}

export const notNullDefault: Rule = {
  id: ID,
  title: 'New NOT NULL columns on existing tables have a default (or a backfill)',
  severity: 'error',
  docs: `## Why
\`ALTER TABLE t ADD COLUMN c int NOT NULL\` fails on a table that has rows, which is every
production table: the migration passes on an empty dev database and breaks the deploy.
\`SET NOT NULL\` scans the whole table under an ACCESS EXCLUSIVE lock unless a validated
\`CHECK (c IS NOT NULL)\` already proves it.

## Bad
\`\`\`sql
ALTER TABLE notifications ADD COLUMN is_read boolean NOT NULL;
ALTER TABLE notifications ALTER COLUMN kind SET NOT NULL;
\`\`\`

## Good
\`\`\`sql
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS is_read BOOLEAN DEFAULT FALSE;
-- or: add nullable, backfill, then
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_not_null CHECK (kind IS NOT NULL) NOT VALID;
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_kind_not_null;
ALTER TABLE notifications ALTER COLUMN kind SET NOT NULL;
\`\`\`
\`\`\`yaml
kind: { type: text, not_null: true, backfill: "'system'" }
\`\`\`

## Waive
YAML: \`waive: { not-null-default: "table is always empty" }\` on the column. SQL: \`-- schema:waive not-null-default reason\`.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const analysis = analysisOf(input);
    for (const column of columnsOf(analysis)) {
      if (column.origin !== 'add' || analysis.createdTables.has(column.table)) continue;
      const kinds = columnConstraintTypes(column.def);
      const notNull = kinds.includes('CONSTR_NOTNULL') || column.def['is_not_null'] === true;
      if (!notNull || kinds.some((k) => k === 'CONSTR_DEFAULT' || k === 'CONSTR_IDENTITY' || k === 'CONSTR_GENERATED')) continue;
      findings.push(sqlFinding(input, column.unit, column.def['location'] as number | undefined, 'error', ID,
        `ADD COLUMN ${column.name} NOT NULL without a default fails on ${column.table} when it has rows`,
        'add a DEFAULT, or add the column nullable, backfill it, then SET NOT NULL behind a validated CHECK'));
    }
    const checks = constraintsOf(analysis).filter((c) => c.constraint['contype'] === 'CONSTR_CHECK');
    for (const alter of altersOf(analysis)) {
      if (alter.subtype !== 'AT_SetNotNull' || analysis.createdTables.has(alter.table)) continue;
      const column = String(alter.cmd['name'] ?? '');
      const proven = checks.some((c) => c.table === alter.table && c.unit.statementIndex <= alter.unit.statementIndex &&
        notNullColumns(c.constraint['raw_expr']).includes(column));
      if (proven) continue;
      findings.push(sqlFinding(input, alter.unit, undefined, 'warning', ID,
        `SET NOT NULL on ${alter.table}.${column} scans the table under an ACCESS EXCLUSIVE lock (and fails on NULL rows)`,
        `first ADD CONSTRAINT ... CHECK (${column} IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT ...; then SET NOT NULL`));
    }
    return findings;
  },
  checkSpec(input) {
    const findings: Finding[] = [];
    const existing = input.existingColumns;
    if (!existing) return findings; // which tables hold rows is only known against a database
    for (const [key, table] of tablesOf(input)) {
      const live = existing.get(qualifiedKey(key)) ?? (table.renamed_from ? existing.get(qualifiedKey(table.renamed_from)) : undefined);
      if (!live) continue;
      for (const [name, column] of Object.entries(table.columns ?? {})) {
        if (!column?.not_null || live.has(name) || (column.renamed_from && live.has(column.renamed_from))) continue;
        if (column.default !== undefined || column.backfill !== undefined || column.identity || column.generated) continue;
        if (isWaived(ID, table, column)) continue;
        findings.push(specFinding(input, `tables/${key}/columns/${name}/not_null`, 'error', ID,
          `new NOT NULL column ${key}.${name} on an existing table has no default and no backfill`,
          'add default: <value>, or backfill: <expression> to fill existing rows'));
      }
    }
    return findings;
  },
};
