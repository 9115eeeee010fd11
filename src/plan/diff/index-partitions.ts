/** The partitions an index added to an existing partitioned table must be built on, one by one. Pure. */
import type { Catalog } from '../../catalog/types.js';
import type { IndexPartition } from '../changes.js';

/**
 * For a table partitioned both live and desired: its partitions in `to` (those that stay and those
 * the plan creates or attaches first), recursively, parents first, by name. Undefined for other
 * tables. An index the plan drops is built again by the rollback: its partitions are `from`'s, so
 * the caller passes the catalogs the other way round.
 */
export function indexPartitions(from: Catalog, to: Catalog, table: string): IndexPartition[] | undefined {
  if (from.tables[table]?.kind !== 'partitioned' || to.tables[table]?.kind !== 'partitioned') return undefined;
  const out: IndexPartition[] = [];
  const visit = (parent: string): void => {
    const children = Object.keys(to.tables)
      .filter((key) => to.tables[key]!.partitionOf?.parent === parent)
      .sort();
    for (const key of children) {
      const partitioned = to.tables[key]!.kind === 'partitioned';
      out.push({ table: key, parent, partitioned });
      if (partitioned) visit(key);
    }
  };
  visit(table);
  return out;
}
