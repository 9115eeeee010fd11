/** The runner: apply, rollback, status, baseline over a history schema and a lease row. */
export { executeMigrationSql, executeUnits, parseScript, invalidIndexTarget, type ExecuteOptions, type StatementEvent } from './execute.js';
export { planUnits, scriptUnits, type ExecutionUnit } from './units.js';
export { MigrationStatementError, formatFailure, type StatementFailure } from './errors.js';
export { ensureHistory, readHistory, historyExists, recordApplied, removeApplied, HISTORY_TABLE, LEASE_TABLE, type HistoryRow } from './history.js';
export { acquireLease, readLease, tryAcquire, release, renew, newHolderId, holderIsDeadLocally, type LeaseInfo } from './lease.js';
export { readMigrationsDir, checksumOf, type MigrationFile } from './files.js';
export { migrationStatuses, applyProblems, pendingVersions, type MigrationState, type MigrationStatus, type Problem } from './preflight.js';
export { openSession, DEFAULT_WAIT_SECONDS, DEFAULT_LEASE_TTL_SECONDS, type ApplySession } from './session.js';
export { runApply, type ApplyOptions, type ApplyResult } from './run-apply.js';
export { runRollback, rollbackTargets, type RollbackOptions, type RollbackResult } from './run-rollback.js';
export { runBaseline, type BaselineOptions, type BaselineResult } from './run-baseline.js';
export { readStatus, renderStatusText, renderDrift, statusJson, type StatusReport, type DriftSummary } from './run-status.js';
