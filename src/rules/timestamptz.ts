import { inner, location, type Node, type TypeNameNode } from '../sql/ast.js';
import { fromTypeName, isTimestampWithoutZone, parseType } from '../sql/types.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isWaived, specFinding, sqlFinding, tablesOf } from './helpers.js';
import { columnsOf } from './sql-facts.js';
import type { Rule } from './types.js';

const ID = 'timestamptz';
const FIX = 'use timestamptz (timestamp with time zone): it stores an instant, whatever the session time zone';

export const timestamptz: Rule = {
  id: ID,
  title: 'Timestamps are timestamptz, never timestamp without time zone',
  severity: 'error',
  docs: `## Why
\`timestamp\` (without time zone) stores a wall-clock reading with no zone: the same row means
different instants for a server in UTC and a client in Europe/Paris, and drivers (psycopg,
SQLAlchemy) hand back naive datetimes. \`timestamptz\` stores an instant.

## Bad
\`\`\`sql
CREATE TABLE events (created_at timestamp NOT NULL DEFAULT now());
ALTER TABLE events ADD COLUMN seen_at timestamp without time zone;
\`\`\`
\`\`\`yaml
created_at: { type: timestamp }
\`\`\`

## Good
\`\`\`sql
CREATE TABLE IF NOT EXISTS events (created_at timestamptz NOT NULL DEFAULT now());
\`\`\`

## Waive
YAML, on the column or table: \`waive: { timestamptz: "external system writes local time" }\`.
SQL: \`-- schema:waive timestamptz external system writes local time\` on the statement's line or the line before.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const flag = (unit: Parameters<typeof sqlFinding>[1], type: TypeNameNode | undefined, what: string): void => {
      if (type && isTimestampWithoutZone(fromTypeName(type))) {
        findings.push(sqlFinding(input, unit, location(type as Node), 'error', ID, `${what} is timestamp without time zone`, FIX));
      }
    };
    const analysis = analysisOf(input);
    for (const column of columnsOf(analysis)) {
      flag(column.unit, column.def['typeName'] as TypeNameNode | undefined, `column ${column.table}.${column.name}`);
    }
    for (const unit of analysis.units) {
      if (unit.kind === 'CreateDomainStmt') flag(unit, unit.body['typeName'] as TypeNameNode, 'domain type');
      if (unit.kind === 'CompositeTypeStmt') {
        for (const def of (unit.body['coldeflist'] as Node[] | undefined) ?? []) {
          const column = inner(def);
          flag(unit, column['typeName'] as TypeNameNode, `attribute ${String(column['colname'])}`);
        }
      }
    }
    return findings;
  },
  checkSpec(input) {
    const findings: Finding[] = [];
    for (const [tableKey, table] of tablesOf(input)) {
      for (const [name, column] of Object.entries(table.columns ?? {})) {
        if (typeof column?.type !== 'string' || !isTimestampWithoutZone(parseType(column.type))) continue;
        if (isWaived(ID, table, column)) continue;
        findings.push(specFinding(input, `tables/${tableKey}/columns/${name}/type`, 'error', ID,
          `column ${tableKey}.${name} is "${column.type}" (timestamp without time zone)`, 'write type: timestamptz (or waive: { timestamptz: "reason" } on the column)'));
      }
    }
    for (const [name, domain] of Object.entries(input.loaded.spec.domains ?? {})) {
      if (typeof domain?.type === 'string' && isTimestampWithoutZone(parseType(domain.type))) {
        findings.push(specFinding(input, `domains/${name}/type`, 'error', ID, `domain ${name} is "${domain.type}" (timestamp without time zone)`, 'write type: timestamptz'));
      }
    }
    return findings;
  },
};
