/**
 * A batch never fills more rows than --backfill-rows, also on a table whose first pages hold no
 * live rows (deleted, not yet vacuumed): there, sampling the first pages estimated one row per
 * page, and a "1,000-row" batch walked 1,000 pages and updated ~10,000 rows in one transaction.
 * Each batch's row count is read from the statement's own result on a real server.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planUnits } from '../../src/apply/index.js';
import { runBatchedBackfill, type BackfillUnit } from '../../src/apply/batch.js';
import type { Db, Queryable } from '../../src/db/index.js';
import { batchedBackfillSql, loadParser, splitStatements } from '../../src/sql/index.js';
import { freshDatabase } from '../helpers/db.js';

beforeAll(async () => {
  await loadParser();
});

function unitFor(table: string): BackfillUnit {
  const units = planUnits(splitStatements(`${batchedBackfillSql(table, 'code', `'c' || id`)};`));
  const unit = units[0];
  if (unit?.kind !== 'backfill') throw new Error(`not a backfill unit: ${JSON.stringify(units.map((u) => u.kind))}`);
  return unit;
}

/** The Db, with the `rows` each batch statement reports collected. */
function counting(db: Db, unit: BackfillUnit, batches: number[]): Db {
  const watch = (q: Queryable): Queryable => ({
    ...q,
    query: async (text, params) => {
      const result = await q.query(text, params);
      if (text === unit.statement.text) batches.push(Number((result[0] as { rows?: unknown } | undefined)?.rows ?? 0));
      return result as never;
    },
  });
  return { ...db, transaction: (fn, options) => db.transaction((tx) => fn(watch(tx)), options) };
}

describe('batched backfill batch size', () => {
  it('holds to the row limit when the first pages hold only dead rows', async () => {
    const t = await freshDatabase('backfill_batches');
    try {
      await t.db.exec(`
        CREATE TABLE public.plain (id bigint PRIMARY KEY, payload text NOT NULL, code text) WITH (autovacuum_enabled = false);
        INSERT INTO public.plain SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g;
        DELETE FROM public.plain WHERE id <= 8000;`);
      const unit = unitFor('public.plain');
      const batches: number[] = [];
      await runBatchedBackfill(counting(t.db, unit, batches), unit, { lockTimeout: '5s', statementTimeout: '1min', rows: 1000, pauseMs: 0 });
      const [r] = await t.db.query<{ filled: string; missing: string }>(`SELECT count(*) FILTER (WHERE code = 'c' || id) AS filled, count(*) FILTER (WHERE code IS NULL) AS missing FROM public.plain`);
      expect({ filled: Number(r!.filled), missing: Number(r!.missing) }).toEqual({ filled: 12000, missing: 0 });
      expect(batches.reduce((a, b) => a + b, 0)).toBe(12000);
      expect(Math.max(...batches), `rows per batch: ${batches.join(', ')}`).toBeLessThanOrEqual(1000);
    } finally {
      await t.drop();
    }
  });
});
