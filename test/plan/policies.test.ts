/**
 * Policy changes whose reverse ALTER POLICY cannot express: adding a WITH CHECK (or a USING) to an
 * existing policy. ALTER POLICY can set an expression but never remove one, so the policy is dropped
 * and created in one transaction, and the rollback restores it exactly as pg_policies shows it.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { roundTrip } from './harness.js';

const TABLE = `CREATE TABLE public.notes (id int PRIMARY KEY, owner uuid); ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;`;
const DATA = `INSERT INTO public.notes SELECT g, gen_random_uuid() FROM generate_series(1, 2000) g;`;

const policies = async (db: Db): Promise<unknown[]> =>
  db.query(`SELECT policyname, cmd, roles::text, qual, with_check FROM pg_policies WHERE tablename = 'notes' ORDER BY policyname`);

describe('policies gaining an expression', () => {
  it('adding WITH CHECK to a commented update policy: the rollback removes it, the comment stays', async () => {
    const note = `COMMENT ON POLICY notes_upd ON public.notes IS 'own rows only';`;
    const r = await roundTrip(
      `${TABLE} CREATE POLICY notes_upd ON public.notes FOR UPDATE TO authenticated USING (owner = auth.uid()); ${note}`,
      `${TABLE} CREATE POLICY notes_upd ON public.notes FOR UPDATE TO authenticated USING (owner = auth.uid()) WITH CHECK (owner = auth.uid()); ${note}`,
      { data: DATA },
    );
    expect(r.rollbackSql).toMatch(/DROP POLICY IF EXISTS notes_upd/);
    expect(r.rollbackSql).not.toMatch(/ALTER POLICY/);
  });

  it('adding WITH CHECK to an insert policy, and USING to a select policy, restore the exact pre-state', async () => {
    let before: unknown[] = [];
    const r = await roundTrip(
      `${TABLE} CREATE POLICY notes_ins ON public.notes FOR INSERT TO authenticated; CREATE POLICY notes_all ON public.notes TO authenticated WITH CHECK (true);`,
      `${TABLE} CREATE POLICY notes_ins ON public.notes FOR INSERT TO authenticated WITH CHECK ((SELECT auth.uid()) = owner);
        CREATE POLICY notes_all ON public.notes TO authenticated USING (owner IS NOT NULL) WITH CHECK (true);`,
      {
        data: DATA,
        beforeForward: async (db) => {
          before = await policies(db);
        },
        afterRollback: async (db) => {
          expect(await policies(db)).toEqual(before);
        },
      },
    );
    expect(before).toHaveLength(2);
    // Forward and rollback each keep the policy's drop and create in one transaction.
    for (const sql of [r.forwardSql, r.rollbackSql]) expect(sql.match(/^BEGIN;/gm)).toHaveLength(1);
  });
});
