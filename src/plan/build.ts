/** buildPlan: diff, order, render forward; invert, order, render rollback (built together). */
import type { Catalog } from '../catalog/types.js';
import { invertChange, type Change } from './changes.js';
import { markBreakage } from './compat.js';
import { diff } from './diff/index.js';
import { orderChanges } from './order.js';
import { renderChange } from './render/index.js';
import type { Hazard, Plan, PlanInputs, PlanOptions, Step } from './types.js';

export function buildPlan(from: Catalog, to: Catalog, inputs: PlanInputs, options: PlanOptions): Plan {
  const changes = orderChanges(diff(from, to, inputs), 'forward', new Set(Object.keys(inputs.tableRenames)));
  const forward: Step[] = [];
  const lossy = new Map<Change, boolean>();
  const inverses: Change[] = [];
  for (const change of changes) {
    const steps = markBreakage(change, renderChange(change, options));
    forward.push(...steps);
    const inverse = invertChange(change);
    // Dropping a table drops its rows; a table's parts dropped along with it lose nothing of their own.
    lossy.set(inverse, steps.some((s) => s.hazards.includes('deletes-data')));
    inverses.push(inverse);
  }
  const rollback: Step[] = [];
  for (const change of orderChanges(inverses.reverse(), 'rollback')) {
    const steps = renderChange(change, options);
    if (!lossy.get(change)) {
      rollback.push(...steps);
      continue;
    }
    for (const s of steps) {
      rollback.push({
        ...s,
        description: `${s.description} (irreversible: the data is not restored)`,
        hazards: [...new Set<Hazard>([...s.hazards, 'irreversible'])].sort(),
      });
    }
  }
  const hazards = [...new Set(forward.flatMap((s) => s.hazards))].sort();
  return { changes, forward, rollback, hazards };
}
