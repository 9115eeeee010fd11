/**
 * Incremental normalization: when the spec changed since the last normalized desired catalog, only
 * the tables and views that changed (with skeletons of their neighbours) run on the shadow; the
 * rest of the previous desired catalog stands. Pure merge; the shadow run is the caller's.
 */
import type { Catalog, Sequence, Table } from '../catalog/index.js';
import { same, verificationScope } from './subset.js';

export interface IncrementalWork {
  /** The draft to normalize on the shadow: changed objects plus neighbour skeletons. */
  readonly draft: Catalog;
  /** Tables and views whose normalized form is taken from the shadow. */
  readonly roots: readonly string[];
}

/** What to run for `draft`, given the previous draft; undefined when only a full run will do. */
export function incrementalWork(previousDraft: Catalog, draft: Catalog): IncrementalWork | undefined {
  if (!same(previousDraft.sequences, draft.sequences)) return undefined;
  const scope = verificationScope(previousDraft, draft);
  if (!scope) return undefined;
  return { draft: scope.desired, roots: scope.roots };
}

const tableOf = (s: Sequence): string | undefined => (s.ownedBy ? s.ownedBy.slice(0, s.ownedBy.lastIndexOf('.')) : undefined);

/** The previous desired catalog with the roots (and the always-whole kinds) taken from `partial`. */
export function mergeIncremental(previous: Catalog, partial: Catalog, roots: readonly string[]): Catalog {
  const rootSet = new Set(roots);
  const tables: Record<string, Table> = {};
  for (const [key, table] of Object.entries(previous.tables)) if (!rootSet.has(key)) tables[key] = table;
  for (const [key, table] of Object.entries(partial.tables)) if (rootSet.has(key)) tables[key] = table;
  const views = Object.fromEntries([
    ...Object.entries(previous.views).filter(([key]) => !rootSet.has(key)),
    ...Object.entries(partial.views).filter(([key]) => rootSet.has(key)),
  ]);
  const sequences: Record<string, Sequence> = {};
  for (const [key, s] of Object.entries(previous.sequences)) if (!rootSet.has(tableOf(s) ?? '')) sequences[key] = s;
  for (const [key, s] of Object.entries(partial.sequences)) if (rootSet.has(tableOf(s) ?? '')) sequences[key] = s;
  const { externalPolicies: _p, buckets: _b, cronJobs: _c, publications: _pub, ...rest } = previous;
  return {
    ...rest,
    // The platform parts are whole in every draft, like enums and functions.
    ...(partial.externalPolicies ? { externalPolicies: partial.externalPolicies } : {}),
    ...(partial.buckets ? { buckets: partial.buckets } : {}),
    ...(partial.cronJobs ? { cronJobs: partial.cronJobs } : {}),
    ...(partial.publications ? { publications: partial.publications } : {}),
    enums: partial.enums,
    functions: partial.functions,
    externalTriggers: partial.externalTriggers,
    tables,
    views,
    sequences,
  };
}
