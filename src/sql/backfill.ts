/**
 * The batched backfill statement: how the planner writes it, and how the runner and the linter know
 * it. One statement that fills one batch of a column's NULL rows and reports what it did:
 *
 *   WITH batch AS (SELECT ctid FROM t WHERE c IS NULL AND ctid >= <from> AND ctid < <to> LIMIT <rows> FOR UPDATE),
 *        done AS (UPDATE t SET c = (expr) WHERE ctid = ANY (ARRAY(SELECT ctid FROM batch)) AND c IS NULL RETURNING c)
 *   SELECT (SELECT count(*) FROM done) AS rows, (SELECT count(c) FROM done) AS filled, (SELECT max(ctid)::text FROM batch) AS last
 *
 * `<from>`, `<to>` (a range of the table's pages) and `<rows>` read the transaction settings
 * `schema.backfill_from`, `schema.backfill_to` and `schema.backfill_rows`, which `schema apply` sets
 * with `set_config(..., true)` in each batch's own transaction (no session state, so PgBouncer in
 * transaction mode is fine). Unset, as under psql, the range is the whole table and there is no
 * limit: the statement is then the plain one-shot `UPDATE ... WHERE c IS NULL`, with the same
 * result. Re-running it changes nothing.
 */
import { quoteIdent } from '../catalog/names.js';
import { inner, type Node, type RangeVar } from './ast.js';

/** Transaction settings the runner sets for each batch. */
export const BACKFILL_ROWS_SETTING = 'schema.backfill_rows';
export const BACKFILL_FROM_SETTING = 'schema.backfill_from';
export const BACKFILL_TO_SETTING = 'schema.backfill_to';

/** `"s"."t"` (quoted) table, column name, SQL expression: fills the column's NULL rows. */
export function batchedBackfillSql(table: string, column: string, expression: string): string {
  return batchedUpdateSql(table, column, expression, `${quoteIdent(column)} IS NULL`);
}

/**
 * The same batched statement for any one-column change of the rows that match `predicate` (a JSONB
 * property added with its default to the objects that lack it, a property moved to its new name):
 * the predicate must stop matching a row once it is updated, so the batches end.
 */
export function batchedUpdateSql(table: string, column: string, expression: string, predicate: string): string {
  const c = quoteIdent(column);
  return (
    `WITH batch AS (\n` +
    `  SELECT ctid FROM ${table}\n` +
    `   WHERE ${predicate}\n` +
    `     AND ctid >= coalesce(nullif(pg_catalog.current_setting('${BACKFILL_FROM_SETTING}', true), ''), '(0,0)')::tid\n` +
    `     AND ctid < coalesce(nullif(pg_catalog.current_setting('${BACKFILL_TO_SETTING}', true), ''), '(4294967295,0)')::tid\n` +
    `   LIMIT nullif(pg_catalog.current_setting('${BACKFILL_ROWS_SETTING}', true), '')::bigint\n` +
    `   FOR UPDATE),\n` +
    `done AS (\n` +
    `  UPDATE ${table} SET ${c} = (${expression})\n` +
    `   WHERE ctid = ANY (ARRAY(SELECT ctid FROM batch)) AND ${predicate}\n` +
    `  RETURNING ${c})\n` +
    `SELECT (SELECT count(*) FROM done) AS rows, (SELECT count(${c}) FROM done) AS filled, (SELECT max(ctid)::text FROM batch) AS last`
  );
}

export interface BackfillTarget {
  /** Table as written in the statement, quoted: `"public"."t"` (or `"t"`). */
  readonly table: string;
  /** `schema.table`, unquoted, schema `public` when not written. */
  readonly qualified: string;
  readonly column: string;
  /** The rows still to change, as the statement's batch selects them (`"c" IS NULL` for a backfill). */
  readonly predicate: string;
}

/**
 * The table and column of a batched backfill statement (a SELECT over a data-modifying `WITH` whose
 * UPDATE sets one column, reading `schema.backfill_rows`), or undefined for any other statement.
 */
export function batchedBackfillTarget(kind: string, node: Node, text: string): BackfillTarget | undefined {
  if (kind !== 'SelectStmt' || !text.includes(`'${BACKFILL_ROWS_SETTING}'`)) return undefined;
  const withClause = inner(node)['withClause'] as Node | undefined;
  const ctes = (withClause?.['ctes'] as Node[] | undefined) ?? [];
  for (const cte of ctes) {
    const query = inner(cte)['ctequery'] as Node | undefined;
    if (!query || !('UpdateStmt' in query)) continue;
    const update = inner(query);
    const rel = update['relation'] as RangeVar | undefined;
    const targets = (update['targetList'] as Node[] | undefined) ?? [];
    const column = inner(targets[0])['name'];
    if (!rel?.relname || targets.length !== 1 || typeof column !== 'string') return undefined;
    const table = rel.schemaname ? `${quoteIdent(rel.schemaname)}.${quoteIdent(rel.relname)}` : quoteIdent(rel.relname);
    // The predicate as written between the batch's WHERE and its page bounds; `c IS NULL` otherwise.
    const written = /\n {3}WHERE (.+)\n {5}AND ctid >= coalesce\(/s.exec(text)?.[1];
    return { table, qualified: `${rel.schemaname ?? 'public'}.${rel.relname}`, column, predicate: written ?? `${quoteIdent(column)} IS NULL` };
  }
  return undefined;
}
