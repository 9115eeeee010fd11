/** Failed access tests as findings at the case's YAML position. Pure. */
import { positionOf } from '../spec/positions.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';
import { expectation } from './script.js';
import type { AccessResult } from './types.js';

export function accessFinding(loaded: Pick<LoadedSpec, 'positions' | 'files'>, result: AccessResult): Finding {
  const c = result.case;
  return {
    ...positionOf(loaded, c.path),
    severity: 'error',
    code: 'access-test',
    message: `access test ${c.table}: ${JSON.stringify(c.name)} as ${c.as} expected ${expectation(c)}, but ${result.observed}`,
    fix: 'change the policies or grants so the role gets exactly this access, or correct the test',
  };
}
