/**
 * Bounds for statements that run outside a transaction (`CREATE INDEX CONCURRENTLY`, `DROP INDEX
 * CONCURRENTLY`, `VACUUM`, ...). `SET LOCAL` has no effect there, and a session `SET` would leak to
 * other clients through PgBouncer in transaction mode, so the lock and statement timeouts are kept
 * from a second connection instead: it watches the statement (found by a tag comment) in
 * `pg_stat_activity`/`pg_locks` and cancels it (`pg_cancel_backend`, any connection of the same role,
 * pooled or not) once it has waited for one lock longer than lock_timeout, or run longer than
 * statement_timeout. That is what the server's own timeouts would do: lock_timeout also bounds a
 * concurrent build's waits for older transactions (virtualxid locks).
 *
 * A concurrent index build cancelled while it waits for older transactions leaves an INVALID index,
 * so before it starts, the build waits (up to lock_timeout) for the transactions holding a snapshot
 * in this database to end, and gives up without creating anything when one outlives it.
 */
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../db/index.js';

export interface Bounds {
  /** Longest wait for one lock, in ms; 0 for none. */
  readonly lockTimeoutMs: number;
  /** Longest run of the statement, in ms; 0 for none. */
  readonly statementTimeoutMs: number;
}

const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** A PostgreSQL duration setting (`5s`, `500ms`, `2min`; a bare number is ms) in ms. */
export function durationMs(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * UNITS[match[2] ?? 'ms']!;
}

/** An error that reads like the server's own timeout, with its SQLSTATE (55P03 is retried). */
export class BoundExceeded extends Error {
  readonly severity = 'ERROR';
  constructor(
    readonly code: '55P03' | '57014',
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'BoundExceeded';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits `ms`, or less when `until` settles first. */
async function pause(ms: number, until: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), until]);
  clearTimeout(timer);
}

/** How often the watcher looks: a tenth of the lock timeout, between 50 and 250 ms. */
const pollMs = (bounds: Bounds): number => Math.min(250, Math.max(50, (bounds.lockTimeoutMs || 2500) / 10));

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

type Watched = {
  readonly pid: number;
  readonly running_ms: number;
  readonly waiting_ms: number | null;
  readonly blockers: string | null;
};

const WATCH = `
SELECT a.pid, (extract(epoch FROM clock_timestamp() - a.query_start) * 1000)::float8 AS running_ms,
       (SELECT (extract(epoch FROM clock_timestamp() - min(l.waitstart)) * 1000)::float8
          FROM pg_catalog.pg_locks l WHERE l.pid = a.pid AND NOT l.granted) AS waiting_ms,
       (SELECT string_agg(b::text, ', ' ORDER BY b) FROM unnest(pg_catalog.pg_blocking_pids(a.pid)) b) AS blockers
  FROM pg_catalog.pg_stat_activity a
 WHERE a.pid <> pg_catalog.pg_backend_pid() AND a.state = 'active' AND starts_with(a.query, $1)`;

/**
 * Runs `text` alone on `db`, cancelled from `watch` when it exceeds `bounds`; the cancel then
 * rejects with a BoundExceeded naming the blockers.
 */
export async function runBounded(db: Db, watch: Queryable, text: string, bounds: Bounds): Promise<void> {
  if (!bounds.lockTimeoutMs && !bounds.statementTimeoutMs) return db.exec(text);
  const tag = `/* schema apply ${randomBytes(6).toString('hex')} */`;
  let done = false;
  let exceeded: BoundExceeded | undefined;
  const running = db.exec(`${tag}\n${text}`).finally(() => (done = true));
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  const watcher = (async () => {
    while (!done) {
      // Woken as soon as the statement ends, so a short statement is not held up by the watcher.
      await pause(pollMs(bounds), settled);
      if (done) return;
      const row = (await watch.query<Watched>(WATCH, [tag]))[0];
      if (!row || done) continue;
      const lock = bounds.lockTimeoutMs > 0 && row.waiting_ms !== null && row.waiting_ms > bounds.lockTimeoutMs;
      const statement = bounds.statementTimeoutMs > 0 && row.running_ms > bounds.statementTimeoutMs;
      if (!lock && !statement) continue;
      exceeded = lock
        ? new BoundExceeded('55P03', `canceling statement due to lock timeout (waited ${seconds(row.waiting_ms!)})`, row.blockers ? `blocked by process ${row.blockers}` : undefined)
        : new BoundExceeded('57014', `canceling statement due to statement timeout (ran ${seconds(row.running_ms)})`);
      await watch.query('SELECT pg_catalog.pg_cancel_backend($1)', [row.pid]);
      return;
    }
  })();
  try {
    await running;
  } catch (error) {
    await watcher.catch(() => undefined);
    throw exceeded ?? error;
  }
  // A watcher query that failed (e.g. its connection dropped) must not fail a statement that worked.
  await watcher.catch(() => undefined);
}

type OldTransaction = {
  readonly pid: number;
  readonly xact_start: string;
  readonly age_ms: number;
};

const OLD_TRANSACTIONS = `
SELECT a.pid, a.xact_start::text AS xact_start, (extract(epoch FROM clock_timestamp() - a.xact_start) * 1000)::float8 AS age_ms
  FROM pg_catalog.pg_stat_activity a
 WHERE a.datname = pg_catalog.current_database() AND a.backend_type = 'client backend'
   AND a.pid <> pg_catalog.pg_backend_pid() AND NOT starts_with(a.application_name, 'schema apply')
   AND (a.backend_xmin IS NOT NULL OR a.backend_xid IS NOT NULL)
 ORDER BY a.pid`;

/**
 * Waits, up to lock_timeout, for the transactions that hold a snapshot or an xid in this database
 * to end (a concurrent index build waits for them after it has created its index); throws a
 * BoundExceeded naming the oldest one left. Transactions that start meanwhile are not waited for.
 */
export async function awaitOlderTransactions(watch: Queryable, bounds: Bounds): Promise<void> {
  if (!bounds.lockTimeoutMs) return;
  const started = performance.now();
  const key = (t: OldTransaction): string => `${t.pid}@${t.xact_start}`;
  let waiting = new Map((await watch.query<OldTransaction>(OLD_TRANSACTIONS)).map((t) => [key(t), t]));
  while (waiting.size > 0) {
    const elapsed = performance.now() - started;
    if (elapsed > bounds.lockTimeoutMs) {
      const oldest = [...waiting.values()].sort((a, b) => b.age_ms - a.age_ms)[0]!;
      throw new BoundExceeded(
        '55P03',
        `canceling statement due to lock timeout (waited ${seconds(elapsed)} for older transactions before building the index)`,
        `process ${oldest.pid} has been in a transaction for ${seconds(oldest.age_ms)}; the build would wait for it and, cancelled, leave an INVALID index`,
      );
    }
    await sleep(pollMs(bounds));
    const now = new Set((await watch.query<OldTransaction>(OLD_TRANSACTIONS)).map(key));
    waiting = new Map([...waiting].filter(([k]) => now.has(k)));
  }
}
