import { funcName, inner, location, walk, type Node, type RangeVar } from '../sql/ast.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, sqlFinding } from './helpers.js';
import type { Rule } from './types.js';

const ID = 'pgbouncer-safe';

const SESSION_LOCKS = new Set([
  'pg_advisory_lock', 'pg_advisory_lock_shared', 'pg_try_advisory_lock', 'pg_try_advisory_lock_shared',
  'pg_advisory_unlock', 'pg_advisory_unlock_shared', 'pg_advisory_unlock_all',
]);

const SESSION_STATEMENTS: Record<string, { what: string; fix: string }> = {
  ListenStmt: { what: 'LISTEN', fix: 'listen from the application on a direct (session) connection, not in a migration' },
  UnlistenStmt: { what: 'UNLISTEN', fix: 'remove it: migrations hold no listeners' },
  NotifyStmt: { what: 'NOTIFY', fix: 'remove it, or notify from the application' },
  PrepareStmt: { what: 'PREPARE', fix: 'run the statement directly; prepared statements live in one server session' },
  ExecuteStmt: { what: 'EXECUTE of a prepared statement', fix: 'run the statement directly' },
  DeallocateStmt: { what: 'DEALLOCATE', fix: 'remove it together with the PREPARE' },
  DeclareCursorStmt: { what: 'DECLARE CURSOR', fix: 'use a set-based statement, or a cursor inside a DO block' },
  DiscardStmt: { what: 'DISCARD', fix: 'remove it: the pooler resets server sessions itself' },
};

export const pgbouncerSafe: Rule = {
  id: ID,
  title: 'No session state: the SQL runs behind PgBouncer in transaction mode',
  severity: 'error',
  docs: `## Why
Supabase (and most production setups) put PgBouncer or Supavisor in transaction mode in front of
Postgres: each transaction may run on a different server session. Session state leaks into the
next client's session or silently disappears: \`SET\` (use \`SET LOCAL\`), \`RESET\`,
\`LISTEN\`/\`NOTIFY\`/\`UNLISTEN\`, \`PREPARE\`/\`EXECUTE\`/\`DEALLOCATE\`, temporary tables,
session advisory locks (\`pg_advisory_lock\`, \`pg_try_advisory_lock\`), \`DECLARE CURSOR\`
(\`WITH HOLD\`), \`DISCARD\`, \`set_config(..., false)\`.

## Bad
\`\`\`sql
SET statement_timeout = '15min';
SELECT pg_advisory_lock(42);
CREATE TEMP TABLE batch AS SELECT id FROM notifications;
\`\`\`

## Good
\`\`\`sql
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
SELECT pg_advisory_xact_lock(42);   -- released at COMMIT
COMMIT;
\`\`\`

## Waive
\`-- schema:waive pgbouncer-safe runs on a direct connection\` on the statement's line or the line before.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const flag = (unit: Parameters<typeof sqlFinding>[1], loc: number | undefined, message: string, fix: string): void => {
      findings.push(sqlFinding(input, unit, loc, 'error', ID, message, fix));
    };
    for (const unit of analysisOf(input).units) {
      const b = unit.body;
      if (unit.kind === 'VariableSetStmt') {
        const kind = String(b['kind'] ?? '');
        if (kind === 'VAR_RESET' || kind === 'VAR_RESET_ALL') {
          flag(unit, undefined, `RESET ${kind === 'VAR_RESET_ALL' ? 'ALL' : String(b['name'])} changes session state`, 'remove it: SET LOCAL ends with the transaction on its own');
        } else if (kind !== 'VAR_SET_MULTI' && b['is_local'] !== true) {
          flag(unit, undefined, `SET ${String(b['name'] ?? '')} outlives the transaction and leaks to other clients of the pooled session`,
            `write SET LOCAL ${String(b['name'] ?? '')} inside a transaction`);
        }
        continue;
      }
      const session = SESSION_STATEMENTS[unit.kind];
      if (session) {
        flag(unit, undefined, `${session.what} depends on a server session, which a transaction-mode pooler does not keep`, session.fix);
        continue;
      }
      if (unit.kind === 'CreateStmt' && (b['relation'] as RangeVar | undefined)?.relpersistence === 't') {
        flag(unit, (b['relation'] as RangeVar).location, 'temporary tables live in one server session', 'use a regular table dropped at the end, or a CTE / subquery');
        continue;
      }
      if (unit.kind === 'CreateTableAsStmt' && (inner({ x: b['into'] })['rel'] as RangeVar | undefined)?.relpersistence === 't') {
        flag(unit, undefined, 'temporary tables live in one server session', 'use a regular table dropped at the end, or a CTE / subquery');
        continue;
      }
      if (unit.kind === 'CreateFunctionStmt') continue; // its body runs later, when called
      walk(unit.node, (kind, body) => {
        if (kind !== 'FuncCall') return;
        const { name } = funcName(body);
        if (SESSION_LOCKS.has(name)) {
          flag(unit, location(body), `${name}() takes a session-level advisory lock, which survives COMMIT on a pooled session`,
            `use ${name.includes('unlock') ? 'transaction-level locks (pg_advisory_xact_lock), released at COMMIT' : name.replace('advisory_', 'advisory_xact_')}() inside a transaction`);
        } else if (name === 'set_config') {
          const args = (body['args'] as Node[] | undefined) ?? [];
          const third = inner(args[2]);
          if (args.length === 3 && 'boolval' in third && inner({ x: third['boolval'] })['boolval'] !== true) {
            flag(unit, location(body), 'set_config(..., false) sets the value for the whole session', 'pass true as the third argument (local to the transaction)');
          }
        } else if (name === 'pg_notify') {
          flag(unit, location(body), 'pg_notify() depends on listeners of a server session', 'notify from the application');
        }
      });
    }
    return findings;
  },
};
