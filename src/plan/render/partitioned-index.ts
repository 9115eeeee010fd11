/**
 * An index added to an existing partitioned table. PostgreSQL refuses CREATE INDEX CONCURRENTLY on
 * a partitioned table, and a plain CREATE INDEX there locks every partition against writes for the
 * whole build. So, as PostgreSQL's documentation describes: the parent's index is created `ON ONLY`
 * the parent (metadata, INVALID until every partition has one), each partition builds its own
 * index concurrently, and each is attached (`ALTER INDEX ... ATTACH PARTITION`), which makes the
 * parent's index valid. Every step is idempotent; a crash leaves an INVALID parent index that the
 * next run completes.
 */
import type { Index } from '../../catalog/types.js';
import type { IndexPartition } from '../changes.js';
import type { PlanOptions, Step } from '../types.js';
import { guarded, inherits, q, shortName, step } from './sql.js';

const WAIVER =
  '-- schema:waive concurrent-index an ON ONLY index of a partitioned table builds nothing: each partition builds its own concurrently\n';

type IndexSql = (table: string, i: Index, concurrently: boolean, options: PlanOptions, only?: boolean) => string;

const schemaOf = (key: string): string => key.slice(0, key.indexOf('.'));
const nameOf = (key: string): string => key.slice(key.indexOf('.') + 1);

/** A key's column name as PostgreSQL names index columns: the column, or `expr` for an expression. */
function keyColumn(key: string): string {
  const m = /^(?:"((?:[^"]|"")+)"|([a-z_][a-z0-9_$]*))(?:\s|$)/.exec(key);
  return m ? (m[1]?.replaceAll('""', '"') ?? m[2]!) : 'expr';
}

/**
 * The index a partition gets for the parent's index, named as PostgreSQL names the ones it creates
 * itself (`<partition>_<columns>_idx`, unique or not; a repeated column name gets a number), so
 * a partition indexed by a plan looks like one indexed by PostgreSQL. Cut with a hash past 63 bytes.
 */
export function partitionIndexName(i: Index, partition: string): string {
  const seen = new Set<string>();
  const columns = [...i.keys, ...i.include].map((key) => {
    const base = keyColumn(key);
    let name = base;
    for (let n = 1; seen.has(name); n++) name = `${base}${n}`;
    seen.add(name);
    return name;
  });
  return shortName(`${nameOf(partition)}_${columns.join('_')}`, '_idx');
}

export function createPartitionedIndex(table: string, i: Index, partitions: readonly IndexPartition[], options: PlanOptions, indexSql: IndexSql): Step[] {
  const object = `${schemaOf(table)}.${i.name}`;
  const indexOf = (key: string): string => (key === table ? object : `${schemaOf(key)}.${partitionIndexName(i, key)}`);
  // Every step is about the parent's index: the partitions' own indexes are part of it once attached.
  const out: Step[] = [step(`${WAIVER}${indexSql(table, i, false, options, true)}`, `+ index ${object} on ${table} (ON ONLY: each partition builds its own concurrently)`, object)];
  for (const p of partitions) {
    const child = { ...i, name: nameOf(indexOf(p.table)) };
    out.push(
      p.partitioned
        ? step(`${WAIVER}${indexSql(p.table, child, false, options, true)}`, `+ index ${indexOf(p.table)} on ${p.table} (ON ONLY)`, object)
        : step(indexSql(p.table, child, true, options), `+ index ${indexOf(p.table)} on ${p.table} (concurrently)`, object, { transactional: false, hazards: ['not-transactional'] }),
    );
  }
  // Deepest partitions first, so each partitioned partition's index is complete when it is attached.
  for (const p of [...partitions].reverse()) {
    const parentIndex = indexOf(p.parent);
    const childIndex = indexOf(p.table);
    out.push(
      step(
        guarded(
          `NOT ${inherits(childIndex, parentIndex)}`,
          `ALTER INDEX ${q(parentIndex)} ATTACH PARTITION ${q(childIndex)}`,
        ),
        `~ attach index ${childIndex} to ${parentIndex}`,
        object,
      ),
    );
  }
  return out;
}
