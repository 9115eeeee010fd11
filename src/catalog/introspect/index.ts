/**
 * Reads a live database's managed scope into a Catalog: one REPEATABLE READ READ ONLY transaction,
 * a fixed number of queries (one per object kind) whatever the schema size.
 */
import type { Queryable } from '../../db/index.js';
import type { Catalog } from '../types.js';
import type { Scope } from '../scope.js';
import { finishCatalog, newAssembly, rowSink } from './assemble.js';
import { catalogQueries, QUERY_NAMES } from './queries.js';
import { quoteLiteral } from '../names.js';

/** What introspection reads through: one read-only snapshot (a `Db`). */
export interface SnapshotReader {
  readSnapshot<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

const SESSION_SETTINGS = `SELECT pg_catalog.set_config('search_path', 'pg_catalog', true),
  pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true),
  pg_catalog.set_config('IntervalStyle', 'postgres', true), pg_catalog.set_config('extra_float_digits', '1', true),
  pg_catalog.set_config('standard_conforming_strings', 'on', true)`;

/**
 * The query with `$1`, `$2`... replaced by the arrays as quoted literals. A statement with
 * parameters costs the driver a round trip to describe it first; the catalog's parameters are
 * only the names of schemas and extensions.
 */
export function withTextArrays(sql: string, params: readonly (readonly string[])[]): string {
  return sql.replace(/\$([1-9])\b/g, (placeholder, n: string) => {
    const values = params[Number(n) - 1];
    if (values === undefined) throw new Error(`catalog query uses ${placeholder} but has ${params.length} parameter(s)`);
    return `ARRAY[${values.map(quoteLiteral).join(', ')}]::text[]`;
  });
}

/** Number of catalog queries one introspection runs (constant). */
export const INTROSPECTION_QUERY_COUNT = QUERY_NAMES.length;

/** A query read with the catalog's, in the same snapshot: takes the managed schemas as `$1`. */
export interface ExtraQuery {
  readonly name: string;
  readonly sql: string;
}

export async function introspect(db: SnapshotReader, scope: Scope): Promise<Catalog> {
  return (await introspectWith(db, scope, [])).catalog;
}

/**
 * The Catalog, and the rows of `extra` queries read in the same snapshot (by name). Every query is
 * sent at once in one transaction, with its BEGIN and COMMIT: the server answers them back to back
 * without a round trip between them, and streams each query's rows as it produces them, so the
 * client reads one query's rows while the server works on the next. Each row goes into the catalog
 * as it arrives, and none is kept past its reading.
 */
export async function introspectWith(
  db: SnapshotReader,
  scope: Scope,
  extra: readonly ExtraQuery[],
): Promise<{ catalog: Catalog; extra: Record<string, readonly Record<string, unknown>[]> }> {
  const sql = catalogQueries();
  const params = [[...scope.schemas], [...(scope.extensions ?? [])], [...(scope.platform ?? [])], [...(scope.defaultPrivileges ?? [])], scope.owners ? ['owners'] : []];
  const assembly = newAssembly();
  const extraRows: Record<string, readonly Record<string, unknown>[]> = {};
  await db.readSnapshot(
    (tx) =>
      Promise.all([
        // Print every name outside pg_catalog qualified, whatever the role's search_path, and
        // print constants (partition bounds, defaults) the same way whatever the session's settings.
        tx.query(SESSION_SETTINGS),
        ...QUERY_NAMES.map(async (name) => {
          const sink = rowSink(assembly, name);
          await tx.each(withTextArrays(sql[name], params), (row) => sink.add(row));
          sink.end();
        }),
        ...extra.map(async (q) => {
          extraRows[q.name] = await tx.query(withTextArrays(q.sql, params));
        }),
      ]),
  );
  // The assembly builds the Catalog in canonical key order: no sorted copy needed.
  return {
    catalog: finishCatalog(assembly),
    extra: Object.fromEntries(extra.map((q) => [q.name, extraRows[q.name] ?? []])),
  };
}
