/**
 * Which hazards a plan may carry. `deletes-data` needs --allow-destructive; `rewrites-table` needs
 * --allow-hazard rewrites-table (or `all`). Locks, non-transactional steps and irreversible steps
 * are reported with the plan but do not block it.
 */
import type { LoadedSpec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';
import { positionOfObject } from './positions.js';

export interface HazardPolicy {
  readonly allowDestructive: boolean;
  /** Names from --allow-hazard; `all` allows every hazard except deletes-data. */
  readonly allowHazards: readonly string[];
}

export const BLOCKING_HAZARDS = ['deletes-data', 'rewrites-table'] as const;

export interface HazardousStep {
  readonly hazards: readonly string[];
  readonly description: string;
  readonly object: string;
}

export function isAllowed(hazard: string, policy: HazardPolicy): boolean {
  if (!(BLOCKING_HAZARDS as readonly string[]).includes(hazard)) return true;
  if (hazard === 'deletes-data') return policy.allowDestructive || policy.allowHazards.includes('deletes-data');
  return policy.allowHazards.includes(hazard) || policy.allowHazards.includes('all');
}

/** One positioned finding per step whose hazard is not allowed. */
export function refusedHazards(steps: readonly HazardousStep[], policy: HazardPolicy, loaded: LoadedSpec): Finding[] {
  const findings: Finding[] = [];
  for (const step of steps) {
    for (const hazard of step.hazards) {
      if (isAllowed(hazard, policy)) continue;
      const flag = hazard === 'deletes-data' ? '--allow-destructive' : `--allow-hazard ${hazard}`;
      findings.push({
        ...positionOfObject(loaded, step.object),
        severity: 'error',
        code: hazard === 'deletes-data' ? 'destructive' : 'no-table-rewrite',
        message: `${step.description} is hazardous (${hazard})`,
        fix: `review the change; to accept it, run plan with ${flag}`,
      });
    }
  }
  return findings;
}
