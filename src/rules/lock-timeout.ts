import type { Unit } from '../sql/analyze.js';
import { isNonTransactional, type ParsedStatement } from '../sql/parse.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isGenerated, sqlFinding } from './helpers.js';
import type { Rule } from './types.js';

const ID = 'lock-timeout';

/** Statements that take no lock worth bounding (settings, transaction control, plain reads and writes). */
const LOCK_FREE = new Set([
  'TransactionStmt', 'VariableSetStmt', 'VariableShowStmt', 'SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt',
  'CreateFunctionStmt', 'ExplainStmt', 'CheckPointStmt',
  // New types, schemas, extensions, sequences and roles lock nothing that other sessions wait on.
  'CreateEnumStmt', 'AlterEnumStmt', 'CreateDomainStmt', 'CompositeTypeStmt', 'CreateRangeStmt', 'CreateSchemaStmt',
  'CreateExtensionStmt', 'CreateSeqStmt', 'CreateRoleStmt', 'GrantRoleStmt',
  // A DO block is judged by the statements inside it.
  'DoStmt',
]);

const isTimeoutSet = (unit: Unit, name: string): boolean =>
  unit.kind === 'VariableSetStmt' && String(unit.body['name'] ?? '').toLowerCase() === name && unit.body['kind'] === 'VAR_SET_VALUE';

export const lockTimeout: Rule = {
  id: ID,
  title: 'Every transaction starts with SET LOCAL lock_timeout (and statement_timeout)',
  severity: 'warning',
  docs: `## Why
DDL waits for an ACCESS EXCLUSIVE (or SHARE) lock behind any long-running query, and while it
waits every other reader and writer of the table queues behind it: a five-second analytics query
becomes a site-wide outage. \`SET LOCAL lock_timeout\` makes the migration fail fast instead (and
it is safe to retry: every statement is idempotent); \`statement_timeout\` bounds the work itself.

Hand-written files are checked per explicit transaction (\`BEGIN\` .. \`COMMIT\`), and for
statements outside one, a \`SET [LOCAL] lock_timeout\` earlier in the file (runners that wrap a
file in one transaction honour it). Statements that cannot run in a transaction (\`CREATE INDEX
CONCURRENTLY\`) are exempt. A warning for hand-written SQL; the planner always emits it.

## Bad
\`\`\`sql
BEGIN;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS is_read BOOLEAN DEFAULT FALSE;
COMMIT;
\`\`\`

## Good
\`\`\`sql
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS is_read BOOLEAN DEFAULT FALSE;
COMMIT;
\`\`\`

## Waive
\`-- schema:waive lock-timeout reason\` on the first statement's line or the line before.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const severity = isGenerated(input) ? 'error' : 'warning';
    const state = new Map<number | 'file', { lock: boolean; statement: boolean; reported: boolean }>();
    for (const unit of analysisOf(input).units) {
      if (unit.expression) continue;
      const key = unit.transaction ?? 'file';
      let s = state.get(key);
      if (!s) state.set(key, (s = { lock: false, statement: false, reported: false }));
      if (isTimeoutSet(unit, 'lock_timeout')) s.lock = true;
      if (isTimeoutSet(unit, 'statement_timeout')) s.statement = true;
      if (LOCK_FREE.has(unit.kind) || s.reported) continue;
      if (isNonTransactional({ kind: unit.kind, node: unit.node } as ParsedStatement)) continue;
      const where = unit.transaction === undefined ? 'outside a transaction block, with no lock_timeout set earlier in the file' : 'in a transaction without SET LOCAL lock_timeout before it';
      if (!s.lock) {
        s.reported = true;
        findings.push(sqlFinding(input, unit, undefined, severity, ID, `this statement runs ${where}: a blocked lock queues every other query behind it`,
          "start the transaction with SET LOCAL lock_timeout = '5s'; SET LOCAL statement_timeout = '15min';"));
      } else if (!s.statement) {
        s.reported = true;
        findings.push(sqlFinding(input, unit, undefined, severity, ID, `this statement runs in a transaction without statement_timeout`,
          "add SET LOCAL statement_timeout = '15min'; next to the lock_timeout"));
      }
    }
    return findings;
  },
};
