import { inner, qualified, type Node, type RangeVar } from '../sql/ast.js';
import { batchedBackfillTarget } from '../sql/backfill.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isGenerated, sqlFinding } from './helpers.js';
import type { Rule } from './types.js';

const ID = 'online-backfill';

/** A WHERE that can match every row: none, or only `col IS NULL` tests joined by AND. */
function fillsEveryRow(where: Node | undefined): boolean {
  if (where === undefined) return true;
  if ('NullTest' in where) return inner(where)['nulltesttype'] === 'IS_NULL';
  if ('BoolExpr' in where) {
    const b = inner(where);
    return b['boolop'] === 'AND_EXPR' && ((b['args'] as Node[] | undefined) ?? []).every((arg) => fillsEveryRow(arg));
  }
  return false;
}

export const onlineBackfill: Rule = {
  id: ID,
  title: 'A backfill of existing rows runs in batches, each its own short transaction, and fires no triggers',
  severity: 'warning',
  docs: `## Why
One \`UPDATE t SET col = ... WHERE col IS NULL\` over a table that holds rows is one long
transaction: it locks every row it writes until the end (writers of those rows wait), in the same
transaction as an \`ADD COLUMN\` it holds ACCESS EXCLUSIVE for the whole run (every reader waits:
seconds on a million rows), it bloats the table in one go, and the table's \`BEFORE UPDATE\`
triggers fire on every row: an \`updated_at\` trigger rewrites every row's audit time.

\`schema plan\` writes a backfill as one batched statement outside any transaction: \`schema apply\`
repeats it batch by batch (\`--backfill-rows\`, \`--backfill-pause\`), each batch its own short
transaction under the timeouts with \`SET LOCAL session_replication_role = replica\` so user
triggers stay silent, until no row is left; a killed run continues where it stopped. Lint flags an
UPDATE of an existing table whose WHERE can match every row (none, or only \`IS NULL\` tests), and
the batched form inside \`BEGIN\`..\`COMMIT\`, where the runner cannot split it. A targeted update
(\`WHERE id = 5\`) is not a backfill. A warning for hand-written SQL; the planner never writes one.

## Bad
\`\`\`sql
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS kind text;
UPDATE notifications SET kind = 'system' WHERE kind IS NULL;
COMMIT;
\`\`\`

## Good
\`\`\`sql
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS kind text;
COMMIT;

-- run by schema apply in batches of --backfill-rows, each its own transaction
WITH batch AS (
  SELECT ctid FROM notifications
   WHERE kind IS NULL
     AND ctid >= coalesce(nullif(pg_catalog.current_setting('schema.backfill_from', true), ''), '(0,0)')::tid
     AND ctid < coalesce(nullif(pg_catalog.current_setting('schema.backfill_to', true), ''), '(4294967295,0)')::tid
   LIMIT nullif(pg_catalog.current_setting('schema.backfill_rows', true), '')::bigint
   FOR UPDATE),
done AS (
  UPDATE notifications SET kind = ('system')
   WHERE ctid = ANY (ARRAY(SELECT ctid FROM batch)) AND kind IS NULL
  RETURNING kind)
SELECT (SELECT count(*) FROM done) AS rows, (SELECT count(kind) FROM done) AS filled, (SELECT max(ctid)::text FROM batch) AS last;
\`\`\`
Then the NOT VALID check, VALIDATE and SET NOT NULL, each in a later transaction. Declaring
\`backfill:\` on the column in the YAML writes all of it.

## Waive
\`-- schema:waive online-backfill table holds a few hundred rows\` on the statement's line or the line before.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const severity = isGenerated(input) ? 'error' : 'warning';
    const analysis = analysisOf(input);
    for (const unit of analysis.units) {
      if (unit.expression) continue;
      const batched = unit.inDo ? undefined : batchedBackfillTarget(unit.kind, unit.node, sourceOf(input, unit));
      if (batched && unit.transaction !== undefined) {
        findings.push(sqlFinding(input, unit, undefined, severity, ID,
          `the batched backfill of ${batched.qualified}.${batched.column} is inside BEGIN .. COMMIT, where it cannot run in batches`,
          'move it after COMMIT: schema apply runs each batch in a transaction of its own'));
        continue;
      }
      if (unit.kind !== 'UpdateStmt') continue;
      const table = qualified(unit.body['relation'] as RangeVar);
      if (analysis.createdTables.has(table) || !fillsEveryRow(unit.body['whereClause'] as Node | undefined)) continue;
      findings.push(sqlFinding(input, unit, undefined, severity, ID,
        `UPDATE of every row of ${table} in one transaction: it locks the rows (and, after an ADD COLUMN in the same transaction, the table) for the whole run and fires the table's UPDATE triggers on each row`,
        'declare `backfill:` on the column and let schema plan write the batched form, or write that form (see docs/rules/online-backfill.md)'));
    }
    return findings;
  },
};

/** The statement's text as the runner sees it (the recognizer looks for the batch setting there). */
function sourceOf(input: { readonly statements: readonly { readonly text: string }[] }, unit: { readonly statementIndex: number }): string {
  return input.statements[unit.statementIndex]?.text ?? '';
}
