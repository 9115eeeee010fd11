/**
 * Round trip of one (before SQL, after SQL) pair on real PostgreSQL, judged by catalogs:
 * A := before, B := after; plan(introspect A -> introspect B); forward on A must reach B, a re-plan
 * must be empty, forward again must change nothing, rollback must restore A's catalog.
 */
import { expect } from 'vitest';
import { catalogDifferences, catalogsEqual, introspect, projectCatalog, type Catalog } from '../../src/catalog/index.js';
import type { Db } from '../../src/db/index.js';
import { executeMigrationSql } from '../../src/apply/execute.js';
import { buildPlan } from '../../src/plan/build.js';
import { diff } from '../../src/plan/diff/index.js';
import { renderScript } from '../../src/plan/script.js';
import type { Plan, PlanInputs, PlanOptions } from '../../src/plan/types.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { freshDatabase } from '../helpers/db.js';

export const OPTIONS: PlanOptions = { lockTimeout: '5s', statementTimeout: '1min', targetVersion: 14 };

export function inputsFor(over: Partial<PlanInputs> = {}): PlanInputs {
  return {
    managedSchemas: ['public'],
    managedRoles: ['anon', 'authenticated', 'service_role'],
    extensions: [],
    tableRenames: {},
    columnRenames: {},
    enumRemaps: {},
    backfills: {},
    externalTables: ['auth.users'],
    ...over,
  };
}

export async function runScript(db: Db, sql: string): Promise<void> {
  await executeMigrationSql(db, sql, { lockTimeout: OPTIONS.lockTimeout, statementTimeout: OPTIONS.statementTimeout, lockRetries: 0 });
}

/** Splits a case's SQL into separately committed parts (e.g. a new enum value, then its use). */
export const NEXT = '-- next transaction';

export interface RoundTrip {
  readonly plan: Plan;
  readonly live: Catalog;
  readonly desired: Catalog;
  readonly forwardSql: string;
  readonly rollbackSql: string;
}

export interface RoundTripOptions {
  readonly inputs?: Partial<PlanInputs>;
  /** SQL run on A after `before` (e.g. rows that the plan must carry). */
  readonly data?: string;
  /** Check run on A after forward (e.g. that rows were remapped). */
  readonly afterForward?: (db: Db) => Promise<void>;
  /** Checks run on A before forward and after rollback (e.g. reading pg_catalog directly). */
  readonly beforeForward?: (db: Db) => Promise<void>;
  readonly afterRollback?: (db: Db) => Promise<void>;
}

export async function roundTrip(before: string, after: string, o: RoundTripOptions = {}): Promise<RoundTrip> {
  const inputs = inputsFor(o.inputs);
  const scope = { schemas: inputs.managedSchemas, extensions: inputs.extensions, owners: true, ...(inputs.platform ? { platform: inputs.platform } : {}) };
  const a = await freshDatabase('plan');
  const b = await freshDatabase('plan');
  try {
    await a.db.exec(supabasePresetSql());
    await b.db.exec(supabasePresetSql());
    for (const part of before.split(NEXT)) if (part.trim()) await a.db.exec(part);
    for (const part of after.split(NEXT)) if (part.trim()) await b.db.exec(part);
    if (o.data) await a.db.exec(o.data);
    // Plans are built from catalogs as introspected (columns in position order), as `schema plan` does;
    // they are judged on the projection (managed roles' grants, columns in name order).
    const read = async (db: Db): Promise<Catalog> => introspect(db, scope);
    const live = await read(a.db);
    const desired = await read(b.db);
    const plan = buildPlan(live, desired, inputs, OPTIONS);
    const forwardSql = renderScript(plan.forward, OPTIONS);
    const rollbackSql = renderScript(plan.rollback, OPTIONS);
    const same = (actual: Catalog, wanted: Catalog, phase: string): void => {
      const p = (c: Catalog): Catalog => projectCatalog(c, inputs.managedRoles);
      const differences = catalogDifferences(p(actual), p(wanted));
      expect(differences, `${phase}\n--- forward ---\n${forwardSql}\n--- rollback ---\n${rollbackSql}`).toEqual([]);
      expect(catalogsEqual(p(actual), p(wanted))).toBe(true);
    };
    const fail = (phase: string, sql: string) => (error: unknown) => {
      throw new Error(`${phase} failed: ${(error as Error).message}\n${sql}`);
    };
    await o.beforeForward?.(a.db);
    await runScript(a.db, forwardSql).catch(fail('forward', forwardSql));
    const reached = await read(a.db);
    same(reached, desired, 'forward reaches the desired catalog');
    expect(diff(reached, desired, inputs)).toEqual([]);
    await o.afterForward?.(a.db);
    await runScript(a.db, forwardSql).catch(fail('forward again', forwardSql));
    same(await read(a.db), desired, 'forward again changes nothing');
    await runScript(a.db, rollbackSql).catch(fail('rollback', rollbackSql));
    const restored = await read(a.db);
    same(restored, live, 'rollback restores the live catalog');
    expect(diff(restored, live, inputs)).toEqual([]);
    await o.afterRollback?.(a.db);
    return { plan, live, desired, forwardSql, rollbackSql };
  } finally {
    await a.drop();
    await b.drop();
  }
}
