/**
 * Reads a live database's managed scope into a Catalog: one REPEATABLE READ READ ONLY transaction,
 * a fixed number of queries (one per object kind) whatever the schema size.
 */
import type { Queryable } from '../../db/index.js';
import type { Catalog } from '../types.js';
import { normalizeCatalog } from '../normalize.js';
import type { Scope } from '../scope.js';
import { assembleCatalog, type QueryRows } from './assemble.js';
import { catalogQueries, QUERY_NAMES, type QueryName } from './queries.js';
import { quoteLiteral } from '../names.js';

export interface TransactionRunner {
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { mode?: string }): Promise<T>;
}

const SESSION_SETTINGS = `SELECT pg_catalog.set_config('search_path', 'pg_catalog', true),
  pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true),
  pg_catalog.set_config('IntervalStyle', 'postgres', true), pg_catalog.set_config('extra_float_digits', '1', true)`;

/** Number of catalog queries one introspection runs (constant). */
export const INTROSPECTION_QUERY_COUNT = QUERY_NAMES.length;

export interface IntrospectOptions {
  /**
   * Run the queries on this many connections at once (the runner's pool must allow as many
   * concurrent transactions), all reading one exported snapshot. Default 1: one transaction.
   */
  readonly parallel?: number;
  /**
   * Sort object keys at every depth (normalizeCatalog). Default true. `schema pull` skips it: the
   * YAML it writes orders itself, and on 1,000 tables the copy costs ~40 ms and as much garbage.
   */
  readonly normalize?: boolean;
}

/** Relative cost of each query on a large schema, for sharing them among connections. */
const COST: Record<QueryName, number> = {
  schemas: 1, extensions: 1, enums: 1, domains: 1, sequences: 1, functions: 2, views: 2,
  tables: 10, columns: 17, constraints: 17, indexes: 25, triggers: 8, policies: 15,
};

/** Queries shared among `n` groups, heaviest first onto the lightest group. */
function shareQueries(n: number): QueryName[][] {
  const groups: { names: QueryName[]; cost: number }[] = Array.from({ length: n }, () => ({ names: [], cost: 0 }));
  for (const name of [...QUERY_NAMES].sort((a, b) => COST[b] - COST[a])) {
    const lightest = groups.reduce((min, g) => (g.cost < min.cost ? g : min));
    lightest.names.push(name);
    lightest.cost += COST[name];
  }
  return groups.map((g) => g.names);
}

const MODE = { mode: 'isolation level repeatable read read only' };

export async function introspect(db: TransactionRunner, scope: Scope, options: IntrospectOptions = {}): Promise<Catalog> {
  const queries = catalogQueries();
  const params = [[...scope.schemas], [...(scope.extensions ?? [])]];
  const run = async (tx: Queryable, names: readonly QueryName[], out: Record<string, readonly Record<string, unknown>[]>) => {
    // Print every name outside pg_catalog qualified, whatever the role's search_path, and print
    // constants (partition bounds, defaults) the same way whatever the session's settings.
    // Sent together (postgres.js pipelines them on the transaction's connection): the server runs
    // them back to back, in order, without a round trip between them.
    const [, ...results] = await Promise.all([
      tx.query(SESSION_SETTINGS),
      ...names.map((name) => tx.query(queries[name], queries[name].includes('$2') ? params : params.slice(0, 1))),
    ]);
    names.forEach((name, i) => {
      out[name] = results[i]!;
    });
  };
  const out: Record<string, readonly Record<string, unknown>[]> = {};
  const parallel = Math.max(1, Math.min(options.parallel ?? 1, 4));
  if (parallel === 1) {
    await db.transaction((tx) => run(tx, QUERY_NAMES, out), MODE);
  } else {
    const [first, ...rest] = shareQueries(parallel);
    // Where snapshots cannot be exported (e.g. some poolers or standbys), read in one transaction.
    await db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT pg_catalog.pg_export_snapshot() AS snapshot`);
      const snapshot = String(row?.['snapshot']);
      // The others import this transaction's snapshot while it is still open: one consistent view.
      await Promise.all([
        run(tx, first!, out),
        ...rest.map((names) =>
          db.transaction(async (other) => {
            await other.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(snapshot)}`);
            await run(other, names, out);
          }, MODE),
        ),
      ]);
    }, MODE).catch(async (error: unknown) => {
      if (!/snapshot/i.test(error instanceof Error ? error.message : '')) throw error;
      await db.transaction((tx) => run(tx, QUERY_NAMES, out), MODE);
    });
  }
  const catalog = assembleCatalog(out as QueryRows);
  return options.normalize === false ? catalog : normalizeCatalog(catalog);
}
