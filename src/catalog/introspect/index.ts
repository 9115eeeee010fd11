/**
 * Reads a live database's managed scope into a Catalog: one REPEATABLE READ READ ONLY transaction,
 * a fixed number of queries (one per object kind) whatever the schema size.
 */
import type { Queryable } from '../../db/index.js';
import type { Catalog } from '../types.js';
import { normalizeCatalog } from '../normalize.js';
import type { Scope } from '../scope.js';
import { assembleCatalog, type QueryRows } from './assemble.js';
import { catalogQueries, QUERY_NAMES } from './queries.js';

export interface TransactionRunner {
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { mode?: string }): Promise<T>;
}

const SESSION_SETTINGS = `SELECT pg_catalog.set_config('search_path', 'pg_catalog', true),
  pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true),
  pg_catalog.set_config('IntervalStyle', 'postgres', true), pg_catalog.set_config('extra_float_digits', '1', true)`;

/** Number of catalog queries one introspection runs (constant). */
export const INTROSPECTION_QUERY_COUNT = QUERY_NAMES.length;

export async function introspect(db: TransactionRunner, scope: Scope): Promise<Catalog> {
  const queries = catalogQueries();
  const params = [[...scope.schemas], [...(scope.extensions ?? [])]];
  const rows = await db.transaction(
    async (tx) => {
      // Print every name outside pg_catalog qualified, whatever the role's search_path, and print
      // constants (partition bounds, defaults) the same way whatever the session's settings.
      await tx.query(SESSION_SETTINGS);
      const out: Record<string, readonly Record<string, unknown>[]> = {};
      for (const name of QUERY_NAMES) {
        const text = queries[name];
        const usesExtensions = text.includes('$2');
        out[name] = await tx.query(text, usesExtensions ? params : params.slice(0, 1));
      }
      return out as QueryRows;
    },
    { mode: 'isolation level repeatable read read only' },
  );
  return normalizeCatalog(assembleCatalog(rows));
}
