/**
 * Reads a live database's managed scope into a Catalog: one REPEATABLE READ READ ONLY transaction,
 * a fixed number of queries (one per object kind) whatever the schema size.
 */
import type { Queryable } from '../../db/index.js';
import type { Catalog } from '../types.js';
import type { Scope } from '../scope.js';
import { addRows, finishCatalog, newAssembly, type Assembly } from './assemble.js';
import { catalogQueries, QUERY_NAMES, type QueryName } from './queries.js';
import { quoteLiteral } from '../names.js';

export interface TransactionRunner {
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { mode?: string }): Promise<T>;
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

/**
 * The query's rows as one JSON text: the server prints them and `JSON.parse` reads them. The
 * driver's row-by-row parsing cost the client about 100 ms of CPU for 1,000 tables; the rows
 * read the same (text, booleans, numbers, arrays, jsonb). A sorted subquery feeds `json_agg` in
 * its order.
 */
export function asJsonRows(sql: string): string {
  return `SELECT coalesce(pg_catalog.json_agg(q), '[]')::text AS rows FROM (\n${sql}\n) q`;
}

async function jsonRows(tx: Queryable, sql: string): Promise<Record<string, unknown>[]> {
  const [row] = await tx.query<{ rows: string }>(asJsonRows(sql));
  return JSON.parse(row!.rows) as Record<string, unknown>[];
}

const CATALOG_QUERIES: ReadonlySet<string> = new Set(QUERY_NAMES);

/** Number of catalog queries one introspection runs (constant). */
export const INTROSPECTION_QUERY_COUNT = QUERY_NAMES.length;

/** A query read with the catalog's, in the same snapshot: takes the managed schemas as `$1`. */
export interface ExtraQuery {
  readonly name: string;
  readonly sql: string;
  /** Relative cost on a large schema, on the scale of COST below. */
  readonly cost: number;
}

export interface IntrospectOptions {
  /**
   * Run the queries on this many connections at once (the runner's pool must allow as many
   * concurrent transactions), all reading one exported snapshot. Default 1: one transaction.
   */
  readonly parallel?: number;
}

/**
 * Relative cost of each query on a large schema, for sharing them among connections (about a
 * quarter of its milliseconds for 1,000 Supabase-style tables on a new connection, whose caches
 * are cold; printing policy expressions costs the most).
 */
const COST: Record<QueryName, number> = {
  schemas: 1, extensions: 1, enums: 1, domains: 1, sequences: 1, functions: 2, views: 2,
  tables: 5, columns: 12, constraints: 14, indexes: 12, triggers: 10, policies: 25,
};

/** Queries shared among `n` groups: heaviest first, each onto the lightest group. */
function shareQueries(queries: readonly ExtraQuery[], n: number): ExtraQuery[][] {
  const groups: { queries: ExtraQuery[]; cost: number }[] = Array.from({ length: n }, () => ({ queries: [], cost: 0 }));
  for (const query of [...queries].sort((a, b) => b.cost - a.cost)) {
    const lightest = groups.reduce((min, g) => (g.cost < min.cost ? g : min));
    lightest.queries.push(query);
    lightest.cost += query.cost;
  }
  return groups.map((g) => g.queries);
}

const MODE = { mode: 'isolation level repeatable read read only' };

export async function introspect(db: TransactionRunner, scope: Scope, options: IntrospectOptions = {}): Promise<Catalog> {
  return (await introspectWith(db, scope, [], options)).catalog;
}

/** One attempt's reading: the catalog being assembled and the extra queries' rows. */
interface Reading {
  readonly assembly: Assembly;
  readonly extra: Record<string, readonly Record<string, unknown>[]>;
}

const newReading = (): Reading => ({ assembly: newAssembly(), extra: {} });

/** The Catalog, and the rows of `extra` queries read in the same snapshot (by name). */
export async function introspectWith(
  db: TransactionRunner,
  scope: Scope,
  extra: readonly ExtraQuery[],
  options: IntrospectOptions = {},
): Promise<{ catalog: Catalog; extra: Record<string, readonly Record<string, unknown>[]> }> {
  const sql = catalogQueries();
  const all: ExtraQuery[] = [...QUERY_NAMES.map((name) => ({ name, sql: sql[name], cost: COST[name] })), ...extra];
  const params = [[...scope.schemas], [...(scope.extensions ?? [])]];
  const run = async (tx: Queryable, queries: readonly ExtraQuery[], into: Reading) => {
    // Print every name outside pg_catalog qualified, whatever the role's search_path, and print
    // constants (partition bounds, defaults) the same way whatever the session's settings.
    // Sent together (postgres.js pipelines them on the transaction's connection): the server runs
    // them back to back, in order, without a round trip between them. Each query's rows are read
    // into the catalog as soon as they arrive, while the server still answers the others.
    await Promise.all([
      tx.query(SESSION_SETTINGS),
      ...queries.map(async (q) => {
        const rows = await jsonRows(tx, withTextArrays(q.sql, params));
        if (CATALOG_QUERIES.has(q.name)) addRows(into.assembly, q.name as QueryName, rows);
        else into.extra[q.name] = rows;
      }),
    ]);
  };
  let reading = newReading();
  const parallel = Math.max(1, Math.min(options.parallel ?? 1, 4));
  if (parallel === 1) {
    await db.transaction((tx) => run(tx, all, reading), MODE);
  } else {
    const [first, ...rest] = shareQueries(all, parallel);
    // Where snapshots cannot be exported (e.g. some poolers or standbys), read in one transaction.
    await db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT pg_catalog.pg_export_snapshot() AS snapshot`);
      const snapshot = String(row?.['snapshot']);
      // The others import this transaction's snapshot while it is still open: one consistent view.
      await Promise.all([
        run(tx, first!, reading),
        ...rest.map((queries) =>
          db.transaction(async (other) => {
            await other.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(snapshot)}`);
            await run(other, queries, reading);
          }, MODE),
        ),
      ]);
    }, MODE).catch(async (error: unknown) => {
      if (!/snapshot/i.test(error instanceof Error ? error.message : '')) throw error;
      // A new reading: rows of the failed attempt may still arrive into the old one.
      reading = newReading();
      await db.transaction((tx) => run(tx, all, reading), MODE);
    });
  }
  // The assembly builds the Catalog in canonical key order: no sorted copy needed.
  const extraRows = reading.extra;
  return {
    catalog: finishCatalog(reading.assembly),
    extra: Object.fromEntries(extra.map((q) => [q.name, extraRows[q.name] ?? []])),
  };
}
