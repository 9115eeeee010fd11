/**
 * Declared access tests run on the proposed state: a shadow holding the desired schema (preset
 * objects and roles included), each case in a transaction that rolls back.
 */
import { emptyCatalog, type Catalog } from '../catalog/index.js';
import { accessCases, runAccessCases, type AccessResult } from '../access/index.js';
import { buildPlan, type PlanInputs, type PlanOptions } from '../plan/index.js';
import type { Preset } from '../presets/index.js';
import { runSteps, type ShadowProvider } from '../shadow/index.js';
import type { Spec } from '../spec/types.js';
import { prepareShadow } from './prepare-shadow.js';

export interface AccessTestInputs {
  readonly spec: Spec;
  readonly desired: Catalog;
  readonly inputs: PlanInputs;
  readonly options: PlanOptions;
  readonly preset: Preset;
}

/** Whether the spec declares any access test (a plan without any needs no extra shadow). */
export const hasAccessTests = (spec: Spec): boolean => Object.values(spec.tables ?? {}).some((t) => Object.keys(t.tests ?? {}).length > 0);

export async function runAccessTestsOnShadow(a: AccessTestInputs, provider: ShadowProvider): Promise<AccessResult[]> {
  const cases = accessCases(a.spec);
  if (cases.length === 0) return [];
  const shadow = await provider.create();
  try {
    await prepareShadow(shadow.db, a.preset, a.inputs, provider.privateServer);
    await runSteps(shadow.db, buildPlan(emptyCatalog(), a.desired, a.inputs, a.options).forward);
    return await runAccessCases(shadow.db, cases);
  } finally {
    provider.retire(shadow);
  }
}
