/**
 * Runs a batched backfill (src/sql/backfill.ts) the online way: batch after batch, each its own short
 * transaction under the lock and statement timeouts, outside any ACCESS EXCLUSIVE lock, with a pause
 * between batches and progress (rows filled, rate) as it goes. Resumable: the statement only touches
 * rows still NULL, so a run killed halfway continues where it stopped when apply runs again.
 *
 * The rows it fills keep every other column as it was: user triggers on UPDATE (an `updated_at`
 * trigger rewrites every row's audit time) must not fire. Each batch runs with
 * `SET LOCAL session_replication_role = replica` when the table has such triggers; a role that may not
 * set it gets a refusal naming the grant, before any row changes, rather than triggers firing.
 */
import type { Db, Queryable } from '../db/index.js';
import { serverErrorFields } from '../db/index.js';
import { quoteIdent, quoteLiteral } from '../catalog/names.js';
import { BACKFILL_FROM_SETTING, BACKFILL_ROWS_SETTING, BACKFILL_TO_SETTING, type BackfillTarget, type ParsedStatement } from '../sql/index.js';
import { OperationError } from '../util/findings.js';
import { MigrationStatementError } from './errors.js';

export const DEFAULT_BACKFILL_ROWS = 1000;
export const DEFAULT_BACKFILL_PAUSE_MS = 20;

/** Pages read to estimate the rows per page. */
const SAMPLE_PAGES = 32;
/** Progress lines at most this often. */
const PROGRESS_EVERY_MS = 1000;
const RETRYABLE = new Set(['55P03', '40P01', '40001']);

export interface BackfillUnit {
  readonly line: number;
  readonly statement: ParsedStatement;
  readonly target: BackfillTarget;
}

export interface BackfillRunOptions {
  readonly lockTimeout: string;
  readonly statementTimeout: string;
  /** Rows per batch (default 1,000). */
  readonly rows?: number;
  /** Pause between batches in ms (default 20). */
  readonly pauseMs?: number;
  readonly file?: string;
  readonly guard?: (q: Queryable) => Promise<void>;
  readonly lockRetries?: number;
  readonly retryDelayMs?: number;
  readonly onRetry?: (message: string) => void;
  readonly onProgress?: (message: string) => void;
}

/** How the batches keep user triggers from firing. */
type TriggerMode = { readonly replica: boolean; readonly note: string };

type TriggerRow = {
  readonly relname: string;
  readonly name: string;
  readonly enabled: string;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * Enabled user triggers on UPDATE of the table (and its partitions) decide the mode: triggers that
 * fire by default (`O`) are silenced by session_replication_role = replica; `ENABLE REPLICA` ones (`R`)
 * already stay silent in the default role; `ENABLE ALWAYS` ones (`A`) fire whatever the role, so the
 * backfill refuses to run rather than let them change the rows.
 */
async function triggerMode(db: Db, unit: BackfillUnit, file: string): Promise<TriggerMode> {
  const rows = await db.query<TriggerRow>(
    `SELECT c.relname::text AS relname, t.tgname::text AS name, t.tgenabled::text AS enabled
       FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
      WHERE (t.tgrelid = $1::regclass OR t.tgrelid IN (SELECT relid FROM pg_catalog.pg_partition_tree($1::regclass)))
        AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND (t.tgtype & 16) <> 0
      ORDER BY 1, 2`,
    [unit.target.table],
  );
  const names = (kind: string): string => rows.filter((r) => r.enabled === kind).map((r) => `${r.name} (on ${r.relname})`).join(', ');
  const origin = names('O');
  const replicaOnly = names('R');
  const always = names('A');
  const object = `${unit.target.qualified}.${unit.target.column}`;
  if (always || (origin && replicaOnly)) {
    throw new OperationError(
      `${file}:${unit.line}: the backfill of ${object} would fire ${always ? `trigger(s) enabled ALWAYS: ${always}` : `trigger(s) enabled REPLICA: ${replicaOnly}`}, ` +
        'which may change the rows it fills; nothing was changed. ' +
        `Fix: make them ordinary triggers for the migration (ALTER TABLE ${unit.target.table} ENABLE TRIGGER <name>), or fill the column yourself`,
    );
  }
  if (origin) return { replica: true, note: `triggers ${origin} do not fire (session_replication_role = replica)` };
  return { replica: false, note: replicaOnly ? `replica-only triggers ${replicaOnly} do not fire` : 'no UPDATE triggers' };
}

/**
 * The table's pages and how many of them hold about `rows` rows (from the rows of its first pages),
 * or undefined for a partitioned table, whose partitions' ctids overlap.
 */
async function pageRanges(db: Db, unit: BackfillUnit, rows: number): Promise<{ pages: number; perBatch: number } | undefined> {
  const [r] = await db.query<{ kind: string; pages: string }>(
    `SELECT relkind::text AS kind, pg_catalog.pg_relation_size(oid) / pg_catalog.current_setting('block_size')::bigint AS pages
       FROM pg_catalog.pg_class WHERE oid = $1::regclass`,
    [unit.target.table],
  );
  if (!r || r.kind === 'p') return undefined;
  const pages = Number(r.pages);
  const sample = Math.max(1, Math.min(pages, SAMPLE_PAGES));
  const [c] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${unit.target.table} WHERE ctid < '(${sample},0)'::tid`);
  const perPage = Math.max(1, Number(c?.n ?? 0) / sample);
  return { pages, perBatch: Math.max(1, Math.floor(rows / perPage)) };
}

/** One batch's page range and row limit, as the statement's settings ('' = unbounded). */
interface Range {
  readonly from: string;
  readonly to: string;
  readonly rows: string;
}

interface BatchResult {
  readonly rows: number;
  readonly filled: number;
  readonly last: string | null;
}

function refusal(file: string, unit: BackfillUnit, object: string): OperationError {
  return new OperationError(
    `${file}:${unit.line}: the backfill of ${object} must not fire the table's UPDATE triggers, and the role applying ` +
      'may not SET session_replication_role; nothing was changed. Fix: as a superuser, ' +
      'GRANT SET ON PARAMETER session_replication_role TO <this role> (PostgreSQL 15+), or run apply as a superuser',
  );
}

/** Up to `limit` pages (sorted) holding rows the statement still has to change; a read that takes no row lock. */
async function stillToChange(db: Db, unit: BackfillUnit, limit: number, statementTimeout: string): Promise<number[]> {
  const rows = await db.transaction(
    async (tx) => {
      await tx.exec(`SET LOCAL statement_timeout = ${quoteLiteral(statementTimeout)}`);
      return tx.query<{ page: string }>(
        `SELECT DISTINCT ((ctid::text::point)[0])::bigint AS page FROM ${unit.target.table} WHERE ${unit.target.predicate} ORDER BY 1 LIMIT ${Math.max(1, Math.floor(limit))}`,
      );
    },
    { mode: 'READ ONLY' },
  );
  return rows.map((r) => Number(r.page));
}

/**
 * Sorted pages as windows of at most `span` pages, each from a page that holds rows to change to the
 * last such page within reach: [3, 4, 9, 700] with span 256 -> [[3, 9], [700, 700]]. A batch over
 * a window reads only its pages, so it holds its row locks for a short scan, and scattered pages
 * still take few batches.
 */
export function pageWindows(pages: readonly number[], span: number): [number, number][] {
  const windows: [number, number][] = [];
  for (const page of pages) {
    const last = windows[windows.length - 1];
    if (last && page < last[0] + span) last[1] = page;
    else windows.push([page, page]);
  }
  return windows;
}

/** Pages one batch of the second pass may read (8 KB each: 2 MB). */
const WINDOW_PAGES = 256;

export async function runBatchedBackfill(db: Db, unit: BackfillUnit, options: BackfillRunOptions): Promise<void> {
  const file = options.file ?? '<script>';
  const rows = options.rows ?? DEFAULT_BACKFILL_ROWS;
  const pauseMs = options.pauseMs ?? DEFAULT_BACKFILL_PAUSE_MS;
  const object = `${unit.target.qualified}.${unit.target.column}`;
  const fail = (error: unknown): never => {
    if (error instanceof OperationError) throw error;
    throw new MigrationStatementError({ file, line: unit.line, statement: unit.statement.text }, error);
  };
  const say = options.onProgress ?? ((): void => undefined);
  // A column backfill fills NULLs; any other batched update (a JSONB property added, moved or removed) changes rows.
  const verb = unit.target.predicate === `${quoteIdent(unit.target.column)} IS NULL` ? 'filled' : 'changed';
  // Nothing to fill (an empty table, a finished run): done, whatever the role may set.
  const pending = await db
    .query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${unit.target.table} WHERE ${unit.target.predicate}) AS any`)
    .catch(fail);
  if (pending[0]?.any !== true) {
    // Still proved valid (columns, types, functions of the expression) without running it: no
    // statement trigger fires, and no role needs session_replication_role for an empty table.
    await db
      .transaction(async (tx) => {
        await tx.exec(`SET LOCAL lock_timeout = ${quoteLiteral(options.lockTimeout)}; SET LOCAL statement_timeout = ${quoteLiteral(options.statementTimeout)}`);
        await tx.query(`EXPLAIN (COSTS OFF) ${unit.statement.text}`);
      })
      .catch(fail);
    say(`backfill ${object}: no rows to fill`);
    return;
  }
  const mode = await triggerMode(db, unit, file).catch(fail);
  const ranges = await pageRanges(db, unit, rows).catch(fail);
  say(`backfill ${object}: batches of ${count(rows)} rows, ${pauseMs} ms apart, each its own transaction; ${mode.note}`);

  const setup = (range: Range): string =>
    [
      `SET LOCAL lock_timeout = ${quoteLiteral(options.lockTimeout)}`,
      `SET LOCAL statement_timeout = ${quoteLiteral(options.statementTimeout)}`,
      ...(mode.replica ? ['SET LOCAL session_replication_role = replica'] : []),
      `SELECT pg_catalog.set_config(${quoteLiteral(BACKFILL_ROWS_SETTING)}, ${quoteLiteral(range.rows)}, true), ` +
        `pg_catalog.set_config(${quoteLiteral(BACKFILL_FROM_SETTING)}, ${quoteLiteral(range.from)}, true), ` +
        `pg_catalog.set_config(${quoteLiteral(BACKFILL_TO_SETTING)}, ${quoteLiteral(range.to)}, true)`,
    ].join('; ');

  const batchOnce = async (range: Range): Promise<BatchResult> => {
    let failure: unknown;
    try {
      return await db.transaction(async (tx) => {
        try {
          try {
            await tx.exec(setup(range));
          } catch (error) {
            if (mode.replica && serverErrorFields(error)?.code === '42501') throw refusal(file, unit, object);
            throw error;
          }
          await options.guard?.(tx);
          const [r] = await tx.query<{ rows: string | number; filled: string | number; last: string | null }>(unit.statement.text);
          return { rows: Number(r?.rows ?? 0), filled: Number(r?.filled ?? 0), last: r?.last ?? null };
        } catch (error) {
          failure = error;
          throw error;
        }
      });
    } catch (error) {
      return fail(failure ?? error);
    }
  };

  const batch = async (range: Range): Promise<BatchResult> => {
    const retries = options.lockRetries ?? 3;
    let delay = options.retryDelayMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      try {
        return await batchOnce(range);
      } catch (error) {
        const code = error instanceof MigrationStatementError ? error.failure.server?.code : undefined;
        if (attempt > retries || !code || !RETRYABLE.has(code)) throw error;
        options.onRetry?.(`${file}:${unit.line}: backfill batch: ${code === '55P03' ? 'lock_timeout' : code === '40P01' ? 'deadlock' : 'serialization failure'}; retry ${attempt}/${retries} in ${delay} ms`);
        await sleep(delay);
        delay *= 2;
      }
    }
  };

  const started = performance.now();
  let filled = 0;
  let batches = 0;
  let lastReport = started;
  const rate = (): string => `${count(filled / Math.max((performance.now() - started) / 1000, 0.001))} rows/s`;
  const step = async (range: Range): Promise<BatchResult> => {
    const r = await batch(range);
    batches++;
    filled += r.filled;
    const now = performance.now();
    if (now - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = now;
      say(`backfill ${object}: ${count(filled)} rows ${verb} (${rate()})`);
    }
    if (pauseMs > 0 && r.rows > 0) await sleep(pauseMs);
    return r;
  };
  // First the pages the table had, a range at a time: each batch reads only its pages. A row
  // concurrently moved out of its range (an app update) is left for the second pass.
  if (ranges) {
    for (let page = 0; page < ranges.pages; page += ranges.perBatch) {
      // The row limit holds too: the pages' estimate may be far off (dead or empty leading pages).
      await step({ from: `(${page},0)`, to: `(${page + ranges.perBatch},0)`, rows: String(rows) });
    }
  }
  // Then the rows still to change (moved by app updates during the first pass): their pages are
  // found by a plain read that locks nothing, and each page range is batched like the first pass,
  // so no batch holds row locks while it scans the whole table. Stop when nothing is left or
  // nothing could be filled (an expression that yields NULL: the NOT NULL check after it names
  // the column).
  for (;;) {
    const pages = await stillToChange(db, unit, rows, options.statementTimeout).catch(fail);
    if (pages.length === 0) break;
    let pass = 0;
    for (const [first, last] of pageWindows(pages, WINDOW_PAGES)) pass += (await step({ from: `(${first},0)`, to: `(${last + 1},0)`, rows: String(rows) })).filled;
    if (pass === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  say(`backfill ${object}: done, ${count(filled)} rows ${verb} in ${batches} batch${batches === 1 ? '' : 'es'}, ${seconds.toFixed(1)} s (${rate()})`);
}
