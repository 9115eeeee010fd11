import { basename } from 'node:path';
import { inner, strings, type Node } from '../sql/ast.js';
import { parseRollbackName } from '../migrations/naming.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isGenerated, sqlFinding } from './helpers.js';
import { altersOf } from './sql-facts.js';
import type { Rule } from './types.js';

const ID = 'destructive';
const DATA_OBJECTS: Record<string, string> = {
  OBJECT_TABLE: 'table', OBJECT_SCHEMA: 'schema', OBJECT_TYPE: 'type', OBJECT_DOMAIN: 'domain',
  OBJECT_SEQUENCE: 'sequence', OBJECT_MATVIEW: 'materialized view',
};

function objectNames(objects: unknown): string {
  return ((objects as Node[] | undefined) ?? []).map((o) => {
    if ('List' in o) return strings(inner(o)['items']).join('.');
    if ('TypeName' in o) return strings(inner(o)['names']).join('.');
    return strings([o]).join('.');
  }).join(', ');
}

export const destructive: Rule = {
  id: ID,
  title: 'Dropping tables, columns or types deletes data (deletes-data hazard)',
  severity: 'warning',
  docs: `## Why
\`DROP TABLE\`, \`DROP COLUMN\`, \`DROP TYPE\`/\`DROP SCHEMA ... CASCADE\`, \`TRUNCATE\` and an
unqualified \`DELETE\` lose data that no rollback brings back. \`schema plan\` marks them
\`deletes-data\` and wants \`--allow-destructive\`, and the rollback states that data is not
restored. Lint warns so a reviewer looks twice. Rollback files (\`rollback_NNN.sql\`) are exempt:
undoing a migration is their job.

## Bad
\`\`\`sql
ALTER TABLE notifications DROP COLUMN IF EXISTS payload;
\`\`\`

## Good
Stop writing the column, deploy, back it up if needed, then drop it in a later migration that a
reviewer approved (\`schema plan --allow-destructive\`).

## Waive
\`-- schema:waive destructive column unused since v2.3, backed up\` on the statement's line or the line before.
`,
  checkSql(input) {
    if (isGenerated(input) || parseRollbackName(basename(input.path)) !== undefined) return [];
    const findings: Finding[] = [];
    const analysis = analysisOf(input);
    for (const unit of analysis.units) {
      const b = unit.body;
      if (unit.kind === 'DropStmt' && DATA_OBJECTS[String(b['removeType'])]) {
        const cascade = b['behavior'] === 'DROP_CASCADE' ? ' CASCADE (and everything that depends on it)' : '';
        findings.push(sqlFinding(input, unit, undefined, 'warning', ID, `DROP ${DATA_OBJECTS[String(b['removeType'])]!.toUpperCase()} ${objectNames(b['objects'])}${cascade} deletes data`,
          'make sure the data is no longer needed (or backed up); the rollback cannot restore it'));
      } else if (unit.kind === 'TruncateStmt') {
        findings.push(sqlFinding(input, unit, undefined, 'warning', ID, 'TRUNCATE deletes every row', 'make sure the data is no longer needed; the rollback cannot restore it'));
      } else if (unit.kind === 'DeleteStmt' && !b['whereClause'] && !unit.inDo) {
        findings.push(sqlFinding(input, unit, undefined, 'warning', ID, 'DELETE without WHERE deletes every row', 'add a WHERE clause, or confirm with a waiver'));
      }
    }
    for (const alter of altersOf(analysis)) {
      if (alter.subtype === 'AT_DropColumn' && !analysis.createdTables.has(alter.table)) {
        findings.push(sqlFinding(input, alter.unit, undefined, 'warning', ID, `DROP COLUMN ${alter.table}.${String(alter.cmd['name'])} deletes its data`,
          'stop using the column first, back it up if needed; the rollback cannot restore the values'));
      }
    }
    return findings;
  },
};
