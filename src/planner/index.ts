/** The `plan` pipeline and what `check`/`status` reuse from it. */
export { runPlan, type RunPlanOptions } from './run-plan.js';
export { detectDrift, type DriftReport, type DriftOptions } from './drift.js';
export { renderText, renderJson, renderMarkdown, type PlanReport } from './report.js';
export { verifyPlan, VerificationError } from './verify.js';
