/**
 * Proves a plan before it is written: on a shadow holding the live schema, forward must reach the
 * desired catalog, running forward again must change nothing (idempotency), a re-plan must be
 * empty, and the rollback must restore the live catalog.
 */
import { catalogDifferences, catalogsEqual, emptyCatalog, introspect, projectCatalog, type Catalog } from '../catalog/index.js';
import type { Db } from '../db/index.js';
import { buildPlan, diff, type Plan, type PlanInputs, type PlanOptions } from '../plan/index.js';
import type { Preset } from '../presets/index.js';
import { runSteps, StepFailedError, type ShadowProvider } from '../shadow/index.js';
import { OperationError } from '../util/findings.js';
import { prepareShadow } from './prepare-shadow.js';

export interface VerifyInputs {
  readonly live: Catalog;
  readonly desired: Catalog;
  readonly plan: Plan;
  readonly inputs: PlanInputs;
  readonly options: PlanOptions;
  readonly preset: Preset;
  /** Runs a rendered migration file the way `apply` will. */
  readonly runScript: (db: Db, sql: string) => Promise<void>;
  readonly forwardSql: string;
  readonly rollbackSql: string;
  readonly onPhase?: (phase: string) => void;
}

export class VerificationError extends OperationError {
  constructor(phase: string, details: readonly string[]) {
    super(`plan verification failed at "${phase}"; no files were written.\n  ${details.join('\n  ')}`);
    this.name = 'VerificationError';
  }
}

export async function verifyPlan(v: VerifyInputs, provider: ShadowProvider): Promise<void> {
  const shadow = await provider.create();
  const scope = { schemas: v.inputs.managedSchemas, extensions: v.inputs.extensions };
  const read = async (): Promise<Catalog> => projectCatalog(await introspect(shadow.db, scope), v.inputs.managedRoles);
  const live = projectCatalog(v.live, v.inputs.managedRoles);
  const desired = projectCatalog(v.desired, v.inputs.managedRoles);
  const expect = (phase: string, actual: Catalog, wanted: Catalog): void => {
    if (!catalogsEqual(actual, wanted)) throw new VerificationError(phase, catalogDifferences(actual, wanted));
  };
  const run = async (phase: string, sql: string): Promise<void> => {
    v.onPhase?.(phase);
    try {
      await v.runScript(shadow.db, sql);
    } catch (error) {
      throw new VerificationError(phase, [(error as Error).message]);
    }
  };
  try {
    await prepareShadow(shadow.db, v.preset, v.inputs, provider.privateServer);
    v.onPhase?.('rebuild live schema');
    try {
      await runSteps(shadow.db, buildPlan(emptyCatalog(), v.live, v.inputs, v.options).forward);
    } catch (error) {
      const message = error instanceof StepFailedError ? error.message : (error as Error).message;
      throw new VerificationError('rebuild live schema on the shadow', [message]);
    }
    expect('rebuild live schema on the shadow', await read(), live);
    await run('forward', v.forwardSql);
    const after = await read();
    expect('forward reaches the desired schema', after, desired);
    const replan = diff(after, desired, v.inputs);
    if (replan.length > 0) {
      throw new VerificationError('re-plan after forward is empty', replan.slice(0, 10).map((c) => JSON.stringify(c).slice(0, 200)));
    }
    await run('forward again (idempotency)', v.forwardSql);
    expect('forward again leaves the desired schema', await read(), desired);
    await run('rollback', v.rollbackSql);
    expect('rollback restores the live schema', await read(), live);
  } finally {
    provider.retire(shadow);
  }
}
