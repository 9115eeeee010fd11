/**
 * Which hazards a plan may carry. `deletes-data` needs --allow-destructive; `rewrites-table` and
 * `breaks-clients` need --allow-hazard NAME (or `all`). A step that deletes data also breaks the
 * clients that used what it drops: --allow-destructive accepts both for it, so the flag keeps
 * meaning "drop it". Locks, non-transactional steps and irreversible steps are reported with the
 * plan but do not block it.
 */
import type { LoadedSpec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';
import { positionOfObject } from './positions.js';

export interface HazardPolicy {
  readonly allowDestructive: boolean;
  /** Names from --allow-hazard; `all` allows every hazard except deletes-data. */
  readonly allowHazards: readonly string[];
}

export const BLOCKING_HAZARDS = ['deletes-data', 'rewrites-table', 'breaks-clients'] as const;

export interface HazardousStep {
  readonly hazards: readonly string[];
  readonly description: string;
  readonly object: string;
  /** What the app version still deployed loses (`breaks-clients`). */
  readonly breaks?: string;
}

export function isAllowed(hazard: string, policy: HazardPolicy): boolean {
  if (!(BLOCKING_HAZARDS as readonly string[]).includes(hazard)) return true;
  if (hazard === 'deletes-data') return policy.allowDestructive || policy.allowHazards.includes('deletes-data');
  return policy.allowHazards.includes(hazard) || policy.allowHazards.includes('all');
}

function stepAllows(step: HazardousStep, hazard: string, policy: HazardPolicy): boolean {
  if (isAllowed(hazard, policy)) return true;
  return hazard === 'breaks-clients' && step.hazards.includes('deletes-data') && isAllowed('deletes-data', policy);
}

const RULE: Record<string, string> = { 'deletes-data': 'destructive', 'rewrites-table': 'no-table-rewrite', 'breaks-clients': 'backwards-compatible' };

/** One positioned finding per step whose hazard is not allowed. */
export function refusedHazards(steps: readonly HazardousStep[], policy: HazardPolicy, loaded: LoadedSpec): Finding[] {
  const findings: Finding[] = [];
  for (const step of steps) {
    for (const hazard of step.hazards) {
      if (stepAllows(step, hazard, policy)) continue;
      const flag = hazard === 'deletes-data' ? '--allow-destructive' : `--allow-hazard ${hazard}`;
      const breaks = hazard === 'breaks-clients' && step.breaks !== undefined;
      findings.push({
        ...positionOfObject(loaded, step.object),
        severity: 'error',
        code: RULE[hazard] ?? 'no-table-rewrite',
        message: breaks
          ? `${step.description} breaks the app version still deployed (breaks-clients): it loses ${step.breaks}`
          : `${step.description} is hazardous (${hazard})`,
        fix: breaks
          ? `deploy an app version that no longer depends on it first (expand, then contract); to accept it, run plan with ${flag}`
          : `review the change; to accept it, run plan with ${flag}`,
      });
    }
  }
  return findings;
}
