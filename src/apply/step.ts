/** Running one file (a migration or a rollback) inside an apply session, with its checks and progress. */
import type { Queryable } from '../db/index.js';
import { liveStateHash, type MigrationHeader } from '../migrations/index.js';
import { OperationError } from '../util/findings.js';
import { MigrationStatementError } from './errors.js';
import { executeUnits, parseScript } from './execute.js';
import { readLease, setInProgress } from './lease.js';
import type { ApplySession } from './session.js';
import { statementSummary, type ExecutionUnit } from './units.js';

export interface TimeoutOptions {
  readonly lockTimeout: string;
  readonly statementTimeout: string;
  /** Which timeouts were given (flag or config): those govern over the file's SET LOCAL. */
  readonly given?: { readonly lockTimeout?: boolean; readonly statementTimeout?: boolean };
  readonly lockRetries?: number;
  readonly retryDelayMs?: number;
  /** Batched backfills: rows per batch and pause between batches (src/apply/batch.ts). */
  readonly backfillRows?: number;
  readonly backfillPauseMs?: number;
  /** Print every statement as it runs (a deploy log gets one line per file otherwise). */
  readonly verbose?: boolean;
}

export interface RunFileInput {
  /** File name for messages. */
  readonly file: string;
  readonly sql: string;
  readonly header?: MigrationHeader;
  /** Marker stored on the lease while the file runs: `apply:NNN:checksum` / `rollback:NNN:checksum`. */
  readonly marker: string;
  /** Skip the header's pre-state check. */
  readonly force: boolean;
  /** Records the result; runs in the file's last transaction when it ends with one. */
  readonly finalize: (tx: Queryable, durationMs: number) => Promise<void>;
}

/** Units of every file, parsed before anything runs so a syntax error stops the apply up front. */
export async function parseAll(files: readonly { file: string; sql: string }[]): Promise<Map<string, ExecutionUnit[]>> {
  const out = new Map<string, ExecutionUnit[]>();
  for (const f of files) out.set(f.file, await parseScript(f.sql, f.file));
  return out;
}

/** Checks the header's pre-state against the live database; explains a mismatch. */
async function checkPreState(session: ApplySession, input: RunFileInput, progress: (m: string) => void): Promise<void> {
  const header = input.header;
  if (!header || !header.preState) return;
  const lease = await readLease(session.db);
  if (lease.inProgress === input.marker) {
    progress(`${input.file}: resuming after an interrupted run (pre-state check skipped; every statement is idempotent)`);
    return;
  }
  const live = await liveStateHash(session.db, header);
  if (live === header.preState) return;
  if (header.postState && live === header.postState) {
    progress(`${input.file}: the database is already in this file's post-state; running it again to record it`);
    return;
  }
  const message =
    `${input.file}: the database no longer matches the state this file was planned against ` +
    `(header pre-state ${header.preState}, live ${live}); someone changed the schema since. ` +
    'Run `schema plan` again against this database, or pass --force to run it anyway';
  if (!input.force) throw new OperationError(message);
  progress(`WARNING --force: ${message}`);
}

/**
 * A failure that is not the statement's own (connection cut, server restart, lease lost) names the
 * file it interrupted; the statement's failures already name file, line and statement.
 */
function interrupted(file: string, error: unknown): unknown {
  if (!(error instanceof OperationError) || error instanceof MigrationStatementError) return error;
  return new OperationError(`${file}: interrupted: ${error.message}`, error.exitCode, error.findings);
}

export async function runFile(
  session: ApplySession,
  input: RunFileInput,
  units: readonly ExecutionUnit[],
  timeouts: TimeoutOptions,
  progress: (message: string) => void,
): Promise<number> {
  await checkPreState(session, input, progress);
  await session.db.transaction(async (tx) => {
    await session.guard(tx);
    await setInProgress(tx, session.holder, input.marker);
  });
  const started = performance.now();
  await executeUnits(session.db, units, {
    ...timeouts,
    file: input.file,
    guard: session.guard,
    // Every statement with --verbose; the drop of an INVALID leftover index always (unit -1).
    onStatement: (event) => {
      if (timeouts.verbose || event.unit < 0) progress(`  ${input.file}:${event.line} ${event.attempt > 1 ? `(attempt ${event.attempt}) ` : ''}${statementSummary(event.text)}`);
    },
    onRetry: (message) => progress(`  ${message}`),
    onProgress: (message) => progress(`  ${input.file}: ${message}`),
    finalize: async (tx) => {
      await input.finalize(tx, performance.now() - started);
      await setInProgress(tx, session.holder, null);
    },
  }).catch((error: unknown) => {
    throw interrupted(input.file, error);
  });
  return performance.now() - started;
}
