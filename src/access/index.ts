export { accessCases } from './cases.js';
export { accessFinding } from './findings.js';
export { pgtapFile, pgtapFileName } from './pgtap.js';
export { runAccessCase, runAccessCases } from './run.js';
export type { AccessCase, AccessResult, AccessTestSpec } from './types.js';
