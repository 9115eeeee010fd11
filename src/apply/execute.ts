/**
 * Runs one migration script the way `apply` does, on any Db (also the planner's shadow):
 * each transaction starts with `SET LOCAL lock_timeout` / `statement_timeout` (no session state, so
 * PgBouncer in transaction mode is fine); non-transactional statements run alone, bounded by the
 * same timeouts from a watching connection (bound.ts); a `CREATE INDEX CONCURRENTLY` first drops
 * an INVALID leftover of a crashed build so it is rebuilt.
 */
import { connect, type Db, type Queryable } from '../db/index.js';
import { serverErrorFields } from '../db/index.js';
import { awaitOlderTransactions, durationMs, runBounded, type Bounds } from './bound.js';
import { quoteIdent, quoteLiteral } from '../catalog/names.js';
import { loadParser, SqlSyntaxError, type ParsedStatement } from '../sql/index.js';
import { InputError } from '../util/findings.js';
import { runBatchedBackfill } from './batch.js';
import { MigrationStatementError } from './errors.js';
import { scriptUnits, type ExecutionUnit } from './units.js';

export interface StatementEvent {
  readonly line: number;
  readonly text: string;
  /** Index of the unit (transaction or lone statement) in the file, 0-based. */
  readonly unit: number;
  readonly transactional: boolean;
  /** Set when the statement is retried after a lock timeout. */
  readonly attempt: number;
}

export interface ExecuteOptions {
  /** `SET LOCAL lock_timeout` of every transaction, e.g. `5s`. */
  readonly lockTimeout: string;
  /** `SET LOCAL statement_timeout` of every transaction, e.g. `15min`. */
  readonly statementTimeout: string;
  /**
   * Which of the two were given (by flag or config) rather than defaulted: the file's own
   * `SET LOCAL lock_timeout`/`statement_timeout` of a given setting is skipped, so the given value
   * holds; a setting not given keeps the file's value where the file sets one.
   */
  readonly given?: { readonly lockTimeout?: boolean; readonly statementTimeout?: boolean };
  /** Called before each statement runs. */
  readonly onStatement?: (event: StatementEvent) => void;
  /** File name for messages (default `<script>`). */
  readonly file?: string;
  /**
   * Runs at the start of every transaction and before every lone statement (e.g. to check that the
   * apply lease is still held); throwing stops the script.
   */
  readonly guard?: (q: Queryable) => Promise<void>;
  /**
   * Runs inside the script's last transaction when the script ends with one, else in a transaction
   * of its own after the script (e.g. to record history atomically with the migration's last step).
   */
  readonly finalize?: (tx: Queryable) => Promise<void>;
  /** Retries of a unit that failed with lock_timeout/deadlock/serialization failure (default 10). */
  readonly lockRetries?: number;
  /** First retry delay in ms, doubled per retry up to MAX_RETRY_DELAY_MS (default 500). */
  readonly retryDelayMs?: number;
  /** Notified before a retry. */
  readonly onRetry?: (message: string) => void;
  /** Rows per batch and pause between batches of a batched backfill (src/apply/batch.ts). */
  readonly backfillRows?: number;
  readonly backfillPauseMs?: number;
  /** Progress of long work (a batched backfill's rows and rate). */
  readonly onProgress?: (message: string) => void;
}

/** SQLSTATEs after which running the same unit again may succeed. */
const RETRYABLE = new Set(['55P03', '40P01', '40001']);

export const DEFAULT_LOCK_RETRIES = 10;
/** Longest pause between two attempts: readers and writers go on between them. */
export const MAX_RETRY_DELAY_MS = 5000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Parses a script into units; a syntax error becomes an InputError naming file:line:col. */
export async function parseScript(sql: string, file = '<script>'): Promise<ExecutionUnit[]> {
  await loadParser();
  try {
    return scriptUnits(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) {
      throw new InputError(`${file}:${error.line}:${error.col}: ${error.message}`);
    }
    throw error;
  }
}

export async function executeMigrationSql(db: Db, sql: string, options: ExecuteOptions): Promise<void> {
  const file = options.file ?? '<script>';
  const units = await parseScript(sql, file);
  await executeUnits(db, units, options);
}

/** Runs already parsed units (see `parseScript`). */
export async function executeUnits(db: Db, units: readonly ExecutionUnit[], options: ExecuteOptions): Promise<void> {
  const last = units.at(-1);
  const finalizeInside = last?.kind === 'transaction' && options.finalize !== undefined;
  // Statements outside a transaction are watched from a connection of their own.
  let watch: Db | undefined;
  const watcher = (): Db => (watch ??= connect(db.url, { max: 1, applicationName: 'schema apply watch' }));
  try {
    for (const [index, unit] of units.entries()) {
      const isLast = index === units.length - 1;
      if (unit.kind === 'backfill') {
        // Its own batches, each retried on its own: never the whole backfill again.
        options.onStatement?.({ line: unit.line, text: unit.statement.text, unit: index, transactional: false, attempt: 1 });
        await runBatchedBackfill(db, unit, { ...options, rows: options.backfillRows, pauseMs: options.backfillPauseMs });
        continue;
      }
      await withRetries(options, unit, (attempt) =>
        unit.kind === 'transaction'
          ? runTransaction(db, unit, index, attempt, options, isLast && finalizeInside ? options.finalize : undefined)
          : runAlone(db, watcher(), unit.statement, index, attempt, options),
      );
    }
  } finally {
    await watch?.close();
  }
  if (options.finalize && !finalizeInside) {
    const finalize = options.finalize;
    let failure: unknown;
    try {
      await db.transaction(async (tx) => {
        try {
          await setLocalTimeouts(tx, options);
          await options.guard?.(tx);
          await finalize(tx);
        } catch (error) {
          failure = error;
          throw error;
        }
      });
    } catch (error) {
      throw failure ?? error;
    }
  }
}

async function withRetries(options: ExecuteOptions, unit: ExecutionUnit, run: (attempt: number) => Promise<void>): Promise<void> {
  const retries = options.lockRetries ?? DEFAULT_LOCK_RETRIES;
  let delay = options.retryDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await run(attempt);
      return;
    } catch (error) {
      const cause = error instanceof MigrationStatementError ? error.failure.server?.code : serverErrorFields(error)?.code;
      if (attempt > retries || !cause || !RETRYABLE.has(cause)) throw error;
      options.onRetry?.(
        `${options.file ?? '<script>'}:${error instanceof MigrationStatementError ? error.failure.line : unit.line}: ${cause === '55P03' ? 'lock_timeout' : cause === '40P01' ? 'deadlock' : 'serialization failure'}; retry ${attempt}/${retries} in ${delay} ms`,
      );
      await sleep(delay);
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
  }
}

async function setLocalTimeouts(tx: Queryable, options: ExecuteOptions): Promise<void> {
  await tx.exec(
    `SET LOCAL lock_timeout = ${quoteLiteral(options.lockTimeout)}; SET LOCAL statement_timeout = ${quoteLiteral(options.statementTimeout)}`,
  );
}

type TransactionUnit = Extract<ExecutionUnit, { kind: 'transaction' }>;

type TimeoutSetting = 'lockTimeout' | 'statementTimeout';

/** `SET LOCAL lock_timeout = ...` / `SET LOCAL statement_timeout = ...`: which setting it sets. */
export function timeoutSetting(statement: ParsedStatement): TimeoutSetting | undefined {
  if (statement.kind !== 'VariableSetStmt') return undefined;
  const body = statement.node['VariableSetStmt'] as { name?: string; is_local?: boolean } | undefined;
  if (!body?.is_local) return undefined;
  return body.name === 'lock_timeout' ? 'lockTimeout' : body.name === 'statement_timeout' ? 'statementTimeout' : undefined;
}

/** The statements of a transaction that run: the file's SET LOCAL of a given setting is dropped. */
function runnableStatements(unit: TransactionUnit, options: ExecuteOptions): readonly ParsedStatement[] {
  const given = options.given;
  if (!given?.lockTimeout && !given?.statementTimeout) return unit.statements;
  return unit.statements.filter((statement) => {
    const setting = timeoutSetting(statement);
    return setting === undefined || !given[setting];
  });
}

/**
 * One attempt at a transaction. Its statements go to the server together, one query each (one
 * round trip); the first that fails names itself, the server skips the rest, and nothing runs a
 * second time: a lock wait is waited once per attempt, a failing UPDATE runs once.
 */
async function runTransaction(
  db: Db,
  unit: TransactionUnit,
  index: number,
  attempt: number,
  options: ExecuteOptions,
  finalize: ((tx: Queryable) => Promise<void>) | undefined,
): Promise<void> {
  const file = options.file ?? '<script>';
  const statements = runnableStatements(unit, options);
  // db.transaction rewraps errors it does not know; keep ours (with the statement and line) aside.
  let failure: unknown;
  try {
    await db.transaction(
      async (tx) => {
        try {
          await setLocalTimeouts(tx, options);
          await options.guard?.(tx);
          for (const statement of statements) {
            options.onStatement?.({ line: statement.line, text: statement.text, unit: index, transactional: true, attempt });
          }
          const results = await Promise.allSettled(statements.map((statement) => tx.exec(statement.text)));
          const failed = results.findIndex((result) => result.status === 'rejected');
          if (failed >= 0) {
            const statement = statements[failed]!;
            const error = (results[failed] as PromiseRejectedResult).reason;
            // A lost connection fails every statement alike: it is not the statement's own failure.
            if (!serverErrorFields(error)) throw error;
            throw new MigrationStatementError({ file, line: statement.line, statement: statement.text, transactionLine: unit.line }, error);
          }
          await finalize?.(tx);
        } catch (error) {
          failure = error;
          throw error;
        }
      },
      { mode: unit.mode },
    );
  } catch (error) {
    throw failure ?? error;
  }
}

/** The timeouts in force outside a transaction, in ms. */
function boundsOf(options: ExecuteOptions): Bounds {
  return { lockTimeoutMs: durationMs(options.lockTimeout), statementTimeoutMs: durationMs(options.statementTimeout) };
}

async function runAlone(db: Db, watch: Db, statement: ParsedStatement, index: number, attempt: number, options: ExecuteOptions): Promise<void> {
  const file = options.file ?? '<script>';
  const bounds = boundsOf(options);
  await options.guard?.(db);
  const leftover = invalidIndexTarget(statement);
  if (leftover) await dropInvalidIndex(db, watch, leftover, options, statement);
  options.onStatement?.({ line: statement.line, text: statement.text, unit: index, transactional: false, attempt });
  try {
    if (leftover) await awaitOlderTransactions(watch, bounds);
    await runBounded(db, watch, statement.text, bounds);
  } catch (error) {
    const failed = new MigrationStatementError({ file, line: statement.line, statement: statement.text }, error);
    // A build cancelled while it waited for older transactions leaves an INVALID index: drop it now
    // (bounded too; when that cannot finish either, the next run drops it before building).
    if (leftover && serverErrorFields(error)) await dropInvalidIndex(db, watch, leftover, options, statement).catch(() => undefined);
    throw failed;
  }
}

interface IndexTarget {
  /** Table as written, quoted (`"s"."t"` or `"t"`). */
  readonly table: string;
  readonly schema?: string;
  readonly index: string;
}

/** For `CREATE INDEX CONCURRENTLY name ON table`: the index a crashed build may have left INVALID. */
export function invalidIndexTarget(statement: ParsedStatement): IndexTarget | undefined {
  if (statement.kind !== 'IndexStmt') return undefined;
  const body = statement.node['IndexStmt'] as
    | { concurrent?: boolean; idxname?: string; relation?: { schemaname?: string; relname?: string } }
    | undefined;
  if (!body?.concurrent || !body.idxname || !body.relation?.relname) return undefined;
  const { schemaname, relname } = body.relation;
  return {
    table: schemaname ? `${quoteIdent(schemaname)}.${quoteIdent(relname)}` : quoteIdent(relname),
    schema: schemaname,
    index: body.idxname,
  };
}

async function dropInvalidIndex(db: Db, watch: Db, target: IndexTarget, options: ExecuteOptions, statement: ParsedStatement): Promise<void> {
  const rows = await db.query<{ schema: string }>(
    `SELECT n.nspname AS schema
       FROM pg_catalog.pg_index i
       JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indrelid = pg_catalog.to_regclass($1) AND c.relname = $2 AND NOT i.indisvalid`,
    [target.table, target.index],
  );
  const found = rows[0];
  if (!found) return;
  const text = `DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdent(found.schema)}.${quoteIdent(target.index)}`;
  options.onStatement?.({ line: statement.line, text: `${text} -- INVALID leftover of an interrupted build`, unit: -1, transactional: false, attempt: 1 });
  try {
    await runBounded(db, watch, text, boundsOf(options));
  } catch (error) {
    throw new MigrationStatementError({ file: options.file ?? '<script>', line: statement.line, statement: text }, error);
  }
}
