/** The planner core: diff two Catalogs, order the changes, render forward + rollback steps and scripts. */
export type * from './types.js';
export type { Change, ChangeKind, EnumColumnUse, ObjectRef } from './changes.js';
export { UnsupportedChange, invertChange } from './changes.js';
export { diff } from './diff/index.js';
export { buildPlan } from './build.js';
export { orderChanges } from './order.js';
export { renderChange } from './render/index.js';
export { renderScript, MAX_STEPS_PER_TRANSACTION } from './script.js';
