/**
 * What a database holds in the pulled schemas that the spec cannot express (unlogged tables,
 * inheritance, column privileges of views, storage parameters of materialized views, rules, ...). `schema pull` writes everything
 * else and warns about each of these, so nothing is dropped silently.
 */
import { readFileSync } from 'node:fs';

export interface UnmanagedFeature {
  /** `table`, `trigger`, `aggregate`, ... */
  readonly kind: string;
  /** Quoted qualified name (`public.scratch`, `t_audit on public.items`). */
  readonly name: string;
  /** What about it is not managed, e.g. `UNLOGGED`, `INHERITS (public.base)`. */
  readonly feature: string;
}

let query: string | undefined;

/** The query of unmanaged features (managed schemas as `$1`), sorted by kind, name and feature. */
export function unmanagedQuery(): string {
  return (query ??= readFileSync(new URL('./unmanaged.sql', import.meta.url), 'utf8'));
}

/** Rows of unmanagedQuery as features. */
export function unmanagedOf(rows: readonly Record<string, unknown>[]): UnmanagedFeature[] {
  return rows.map((row) => ({ kind: String(row['kind']), name: String(row['name']), feature: String(row['feature']) }));
}

/** The warning line for one feature (for stderr). */
export function formatUnmanaged(u: UnmanagedFeature): string {
  return `warning: ${u.kind} ${u.name}: ${u.feature} is not managed by the spec; pull left it out, so a plan from this YAML would not keep it`;
}
