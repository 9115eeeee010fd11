/**
 * An existing table made a partition, or a partition made a table of its own: `ATTACH PARTITION`
 * and `DETACH PARTITION` keep the rows, where a drop and re-create would lose them. Each is guarded
 * by `pg_inherits`, so a re-run does nothing.
 *
 * ATTACH holds ACCESS EXCLUSIVE on the table it attaches while it checks every row against the
 * bound (the parent only SHARE UPDATE EXCLUSIVE); DETACH holds ACCESS EXCLUSIVE on the parent.
 */
import type { Change } from '../changes.js';
import type { Step } from '../types.js';
import { doBlock, inherits, lit, q, step } from './sql.js';

type PartitionChange = Extract<Change, { kind: 'AttachPartition' | 'DetachPartition' }>;


export function partitionAttachSteps(change: PartitionChange): Step[] {
  const { table, parent, bound } = change;
  if (change.kind === 'AttachPartition') {
    const sql = doBlock(`  IF NOT ${inherits(table, parent)} THEN\n    ALTER TABLE ${q(parent)} ATTACH PARTITION ${q(table)} ${bound};\n  END IF;`);
    return [step(sql, `~ table ${table} attached as a partition of ${parent}`, table, { hazards: ['access-exclusive-lock'] })];
  }
  // The indexes it had as a partition of the parent's stay behind as its own: dropped with the
  // detach (those the table keeps as a table of its own are created by the steps that follow).
  const sql = doBlock(
    [
      `  IF ${inherits(table, parent)} THEN`,
      `    SELECT array_agg(h.inhrelid::regclass::text) INTO inherited FROM pg_catalog.pg_inherits h`,
      `      JOIN pg_catalog.pg_index x ON x.indexrelid = h.inhrelid`,
      `      WHERE x.indrelid = to_regclass(${lit(table)}) AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = h.inhrelid);`,
      `    ALTER TABLE ${q(parent)} DETACH PARTITION ${q(table)};`,
      `    FOR i IN 1 .. coalesce(array_length(inherited, 1), 0) LOOP`,
      `      EXECUTE 'DROP INDEX ' || inherited[i];`,
      `    END LOOP;`,
      `  END IF;`,
    ].join('\n'),
    'inherited text[];',
  );
  return [step(sql, `~ table ${table} detached from ${parent}`, table, { hazards: ['access-exclusive-lock'] })];
}
