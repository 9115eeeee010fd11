import { qualified, type RangeVar } from '../sql/ast.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, sqlFinding } from './helpers.js';
import type { Rule } from './types.js';

const ID = 'concurrent-index';

export const concurrentIndex: Rule = {
  id: ID,
  title: 'Indexes on existing tables are built CONCURRENTLY, outside a transaction',
  severity: 'error',
  docs: `## Why
\`CREATE INDEX\` holds a SHARE lock for the whole build: on a busy table every INSERT, UPDATE and
DELETE waits for minutes. \`CREATE INDEX CONCURRENTLY\` lets writes continue; it cannot run inside
a transaction block. If a concurrent build fails it leaves an INVALID index behind: drop it
(\`DROP INDEX CONCURRENTLY IF EXISTS\`) and build again.

## Bad
\`\`\`sql
CREATE INDEX notifications_recipient_idx ON notifications (recipient_user_id);
BEGIN; CREATE INDEX CONCURRENTLY ...; COMMIT;   -- fails: not allowed in a transaction
\`\`\`

## Good
\`\`\`sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS notifications_recipient_idx ON notifications (recipient_user_id);
\`\`\`
An index on a table created earlier in the same file needs no CONCURRENTLY: nobody else can see it yet.

## Waive
\`-- schema:waive concurrent-index table is tiny\` on the statement's line or the line before.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const analysis = analysisOf(input);
    for (const unit of analysis.units) {
      if (unit.kind !== 'IndexStmt') continue;
      const relation = unit.body['relation'] as RangeVar;
      const table = qualified(relation);
      if (unit.body['concurrent'] === true) {
        if (unit.transaction !== undefined || unit.inDo) {
          findings.push(sqlFinding(input, unit, undefined, 'error', ID, 'CREATE INDEX CONCURRENTLY cannot run inside a transaction block',
            'move it after COMMIT, on its own'));
        }
        continue;
      }
      if (analysis.createdTables.has(table)) continue;
      findings.push(sqlFinding(input, unit, relation.location, 'error', ID,
        `CREATE INDEX on existing table ${table} blocks writes for the whole build`,
        'write CREATE INDEX CONCURRENTLY IF NOT EXISTS ..., outside any transaction'));
    }
    return findings;
  },
};
