export { serverShadowProvider, embeddedShadowProvider, chooseShadowProvider, lazyShadowProvider, canCreateDatabases, type ShadowProvider, type ShadowDatabase } from './provider.js';
export { runSteps, StepFailedError, type RunnableStep } from './run-steps.js';
