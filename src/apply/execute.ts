/**
 * Runs one migration script the way `apply` does, on any Db (also the planner's shadow):
 * each transaction starts with `SET LOCAL lock_timeout` / `statement_timeout` (no session state, so
 * PgBouncer in transaction mode is fine); non-transactional statements run alone; a
 * `CREATE INDEX CONCURRENTLY` first drops an INVALID leftover of a crashed build so it is rebuilt.
 */
import type { Db, Queryable } from '../db/index.js';
import { serverErrorFields } from '../db/index.js';
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
  /** Retries of a unit that failed with lock_timeout/deadlock/serialization failure (default 3). */
  readonly lockRetries?: number;
  /** First retry delay in ms, doubled per retry (default 500). */
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
        : runAlone(db, unit.statement, index, attempt, options),
    );
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
  const retries = options.lockRetries ?? 3;
  let delay = options.retryDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await run(attempt);
      return;
    } catch (error) {
      const cause = error instanceof MigrationStatementError ? error.failure.server?.code : serverErrorFields(error)?.code;
      if (attempt > retries || !cause || !RETRYABLE.has(cause)) throw error;
      options.onRetry?.(
        `${options.file ?? '<script>'}:${unit.line}: ${cause === '55P03' ? 'lock_timeout' : cause === '40P01' ? 'deadlock' : 'serialization failure'}; retry ${attempt}/${retries} in ${delay} ms`,
      );
      await sleep(delay);
      delay *= 2;
    }
  }
}

async function setLocalTimeouts(tx: Queryable, options: ExecuteOptions): Promise<void> {
  await tx.exec(
    `SET LOCAL lock_timeout = ${quoteLiteral(options.lockTimeout)}; SET LOCAL statement_timeout = ${quoteLiteral(options.statementTimeout)}`,
  );
}

type TransactionUnit = Extract<ExecutionUnit, { kind: 'transaction' }>;

interface TransactionRun {
  readonly unit: TransactionUnit;
  readonly index: number;
  readonly attempt: number;
  readonly options: ExecuteOptions;
  readonly finalize: ((tx: Queryable) => Promise<void>) | undefined;
}

async function runTransaction(
  db: Db,
  unit: TransactionUnit,
  index: number,
  attempt: number,
  options: ExecuteOptions,
  finalize: ((tx: Queryable) => Promise<void>) | undefined,
): Promise<void> {
  const run: TransactionRun = { unit, index, attempt, options, finalize };
  if (unit.statements.length > 1) {
    // One round trip for the whole transaction; when it fails (and rolls back), run it again
    // statement by statement, so the error names the statement and line that failed.
    try {
      await transactionOnce(db, run, true);
      return;
    } catch (error) {
      if (!(error instanceof BatchFailed)) throw error;
    }
  }
  await transactionOnce(db, run, false);
}

/** The whole-transaction batch failed on the server; nothing of it was committed. */
class BatchFailed extends Error {}

async function transactionOnce(db: Db, run: TransactionRun, batch: boolean): Promise<void> {
  const { unit, index, attempt, options, finalize } = run;
  const file = options.file ?? '<script>';
  const announce = (statement: ParsedStatement): void =>
    options.onStatement?.({ line: statement.line, text: statement.text, unit: index, transactional: true, attempt });
  // db.transaction rewraps errors it does not know; keep ours (with the statement and line) aside.
  let failure: unknown;
  try {
    await db.transaction(
      async (tx) => {
        try {
          await setLocalTimeouts(tx, options);
          await options.guard?.(tx);
          if (batch) {
            unit.statements.forEach(announce);
            try {
              await tx.exec(unit.statements.map((statement) => statement.text).join(';\n'));
            } catch (error) {
              throw serverErrorFields(error) ? new BatchFailed((error as Error).message) : error;
            }
          } else {
            for (const statement of unit.statements) {
              announce(statement);
              try {
                await tx.exec(statement.text);
              } catch (error) {
                throw new MigrationStatementError({ file, line: statement.line, statement: statement.text, transactionLine: unit.line }, error);
              }
            }
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

async function runAlone(db: Db, statement: ParsedStatement, index: number, attempt: number, options: ExecuteOptions): Promise<void> {
  const file = options.file ?? '<script>';
  await options.guard?.(db);
  const leftover = invalidIndexTarget(statement);
  if (leftover) await dropInvalidIndex(db, leftover, options, statement);
  options.onStatement?.({ line: statement.line, text: statement.text, unit: index, transactional: false, attempt });
  try {
    await db.exec(statement.text);
  } catch (error) {
    throw new MigrationStatementError({ file, line: statement.line, statement: statement.text }, error);
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

async function dropInvalidIndex(db: Db, target: IndexTarget, options: ExecuteOptions, statement: ParsedStatement): Promise<void> {
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
    await db.exec(text);
  } catch (error) {
    throw new MigrationStatementError({ file: options.file ?? '<script>', line: statement.line, statement: text }, error);
  }
}
