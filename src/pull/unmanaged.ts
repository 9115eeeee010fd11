/**
 * What a database holds in the pulled schemas that the spec cannot express (unlogged tables,
 * inheritance, column privileges, storage parameters, rules, ...). `schema pull` writes everything
 * else and warns about each of these, so nothing is dropped silently.
 */
import { readFileSync } from 'node:fs';
import type { Queryable } from '../db/index.js';

export interface UnmanagedFeature {
  /** `table`, `trigger`, `aggregate`, ... */
  readonly kind: string;
  /** Quoted qualified name (`public.scratch`, `t_audit on public.items`). */
  readonly name: string;
  /** What about it is not managed, e.g. `UNLOGGED`, `INHERITS (public.base)`. */
  readonly feature: string;
}

let query: string | undefined;

/** The unmanaged features of the given schemas, sorted by kind, name and feature. */
export async function unmanagedFeatures(db: Queryable, schemas: readonly string[]): Promise<UnmanagedFeature[]> {
  query ??= readFileSync(new URL('./unmanaged.sql', import.meta.url), 'utf8');
  const rows = await db.query<{ kind: string; name: string; feature: string }>(query, [[...schemas]]);
  return rows.map((row) => ({ kind: row.kind, name: row.name, feature: row.feature }));
}

/** The warning line for one feature (for stderr). */
export function formatUnmanaged(u: UnmanagedFeature): string {
  return `warning: ${u.kind} ${u.name}: ${u.feature} is not managed by the spec; pull left it out, so a plan from this YAML would not keep it`;
}
