/**
 * The drift half of `status` and `check`: the planner's `detectDrift`, loaded on demand so the
 * runner's commands work (and say why drift is unknown) even when the planner cannot load.
 */
import { existsSync } from 'node:fs';
import type { Config } from '../config/index.js';
import type { DriftSummary } from '../apply/run-status.js';
import { serverErrorFields } from '../db/errors.js';

export interface DriftInput {
  readonly cwd: string;
  readonly config: Config;
  readonly schemaDir: string;
  readonly dbUrl: string;
  readonly embedded: boolean;
}

/** Throws what `detectDrift` throws; `no-schema` when the YAML directory does not exist. */
export async function driftSummary(input: DriftInput): Promise<DriftSummary> {
  if (!existsSync(input.schemaDir)) return { state: 'no-schema', dir: input.schemaDir };
  const { detectDrift } = (await import('./drift.js')) as typeof import('./drift.js');
  const report = await detectDrift(input);
  return report.changes.length === 0 ? { state: 'in-sync' } : { state: 'drift', changes: [...report.changes] };
}

/** Like `driftSummary`, but a failure becomes `unknown` with its reason (for `status`). */
export async function driftSummaryOrUnknown(input: DriftInput): Promise<DriftSummary> {
  try {
    return await driftSummary(input);
  } catch (error) {
    // The target's catalog cannot be read (a missing privilege, a statement timeout): status fails
    // with that one line rather than printing a summary that hides it.
    if (['42501', '57014'].includes(serverErrorFields(error)?.code ?? '')) throw error;
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { state: 'unknown', reason };
  }
}
