/**
 * One applier at a time, without session state (PgBouncer transaction mode): a lease row taken with
 * `UPDATE ... WHERE holder IS NULL OR expires_at < now()`, renewed by a timer on its own connection,
 * released at the end. A lease left by a killed process expires after its TTL, or at once when the
 * holder ran on this host and its process is gone.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/index.js';
import { OperationError } from '../util/findings.js';
import { LEASE_TABLE } from './history.js';

export interface LeaseInfo {
  readonly holder: string | null;
  /** Seconds until the lease expires (negative when expired), null when free. */
  readonly expiresInSeconds: number | null;
  readonly inProgress: string | null;
}

/** `host:pid:random`, so a lease left by a dead local process can be recognised. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** True when `holder` names a process on this host that no longer exists. */
export function holderIsDeadLocally(holder: string): boolean {
  const parts = holder.split(':');
  if (parts.length < 3) return false;
  const pid = Number(parts.at(-2));
  const host = parts.slice(0, -2).join(':');
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function readLease(q: Queryable): Promise<LeaseInfo> {
  const rows = await q.query<{ holder: string | null; expires_in: string | null; in_progress: string | null }>(
    `SELECT holder, extract(epoch FROM expires_at - now())::float8::text AS expires_in, in_progress FROM ${LEASE_TABLE} WHERE id = 1`,
  );
  const row = rows[0];
  return {
    holder: row?.holder ?? null,
    expiresInSeconds: row?.expires_in === null || row?.expires_in === undefined ? null : Number(row.expires_in),
    inProgress: row?.in_progress ?? null,
  };
}

/** Takes the lease when free, expired or already ours; true on success. */
export async function tryAcquire(q: Queryable, holder: string, ttlSeconds: number): Promise<boolean> {
  const rows = await q.query(
    `UPDATE ${LEASE_TABLE} SET holder = $1, expires_at = now() + make_interval(secs => $2::float8)
      WHERE id = 1 AND (holder IS NULL OR expires_at IS NULL OR expires_at < now() OR holder = $1)
      RETURNING holder`,
    [holder, ttlSeconds],
  );
  return rows.length === 1;
}

/** Takes the lease from `previous` (compare-and-swap), e.g. when its process is gone. */
export async function takeOver(q: Queryable, holder: string, previous: string, ttlSeconds: number): Promise<boolean> {
  const rows = await q.query(
    `UPDATE ${LEASE_TABLE} SET holder = $1, expires_at = now() + make_interval(secs => $3::float8)
      WHERE id = 1 AND holder = $2 RETURNING holder`,
    [holder, previous, ttlSeconds],
  );
  return rows.length === 1;
}

export async function renew(q: Queryable, holder: string, ttlSeconds: number): Promise<boolean> {
  const rows = await q.query(
    `UPDATE ${LEASE_TABLE} SET expires_at = now() + make_interval(secs => $2::float8) WHERE id = 1 AND holder = $1 RETURNING holder`,
    [holder, ttlSeconds],
  );
  return rows.length === 1;
}

export async function release(q: Queryable, holder: string): Promise<void> {
  await q.query(`UPDATE ${LEASE_TABLE} SET holder = NULL, expires_at = NULL WHERE id = 1 AND holder = $1`, [holder]);
}

/** Throws unless `holder` still holds an unexpired lease (checked at the start of every step). */
export async function assertHeld(q: Queryable, holder: string): Promise<void> {
  const rows = await q.query(`SELECT 1 FROM ${LEASE_TABLE} WHERE id = 1 AND holder = $1 AND expires_at > now()`, [holder]);
  if (rows.length !== 1) {
    throw new OperationError(`lost the apply lease (${holder}) while running; another apply may have taken over. Run apply again to finish`);
  }
}

/** Marks (or clears, with null) the file being applied, so an interrupted run can be recognised. */
export async function setInProgress(q: Queryable, holder: string, value: string | null): Promise<void> {
  await q.query(
    `UPDATE ${LEASE_TABLE} SET in_progress = $2::text, in_progress_since = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END WHERE id = 1 AND holder = $1`,
    [holder, value],
  );
}

export interface AcquireOptions {
  readonly holder: string;
  readonly ttlSeconds: number;
  /** How long to wait for another applier (seconds). */
  readonly waitSeconds: number;
  readonly pollMs?: number;
  readonly progress?: (message: string) => void;
}

/** Waits for the lease; an OperationError naming the holder when it stays taken. */
export async function acquireLease(q: Queryable, options: AcquireOptions): Promise<void> {
  const deadline = Date.now() + options.waitSeconds * 1000;
  let announced = false;
  // The row is created with the table; put it back if someone deleted it.
  await q.query(`INSERT INTO ${LEASE_TABLE} (id) VALUES (1) ON CONFLICT (id) DO NOTHING`);
  for (;;) {
    if (await tryAcquire(q, options.holder, options.ttlSeconds)) return;
    const lease = await readLease(q);
    // Released (or expired) between the two queries: try again at once.
    if (lease.holder === null || (lease.expiresInSeconds !== null && lease.expiresInSeconds < 0)) continue;
    if (holderIsDeadLocally(lease.holder)) {
      if (await takeOver(q, options.holder, lease.holder, options.ttlSeconds)) {
        options.progress?.(`took over the lease of ${lease.holder} (its process is no longer running)`);
        return;
      }
      continue;
    }
    if (Date.now() >= deadline) {
      const expires = lease.expiresInSeconds === null ? '' : `, expires in ${Math.max(0, Math.ceil(lease.expiresInSeconds))} s`;
      throw new OperationError(
        `another apply holds the lease: ${lease.holder}${expires}; waited ${options.waitSeconds} s. Run apply again when it is done, or pass --wait SECONDS`,
      );
    }
    if (!announced) {
      options.progress?.(`waiting for another apply to finish (lease held by ${lease.holder}), up to ${options.waitSeconds} s`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs ?? 250, Math.max(10, deadline - Date.now()))));
  }
}

/** Renews the lease every third of its TTL until stopped; `lost()` tells when a renewal failed. */
export function startRenewal(q: Queryable, holder: string, ttlSeconds: number): { stop(): void; lost(): boolean } {
  let lost = false;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    renew(q, holder, ttlSeconds)
      .then((ok) => {
        if (!ok) lost = true;
      })
      .catch(() => undefined) // a transient failure: the next tick tries again
      .finally(() => (running = false));
  }, Math.max(100, (ttlSeconds * 1000) / 3));
  timer.unref();
  return { stop: () => clearInterval(timer), lost: () => lost };
}

/** A file being applied or rolled back, as the lease row records it (`schema status` shows it). */
export interface InProgress {
  readonly action: 'apply' | 'rollback';
  readonly version: number;
  /** ISO 8601, UTC; null for a marker written before the time was kept. */
  readonly since: string | null;
  readonly holder: string | null;
  readonly host: string | null;
  readonly pid: number | null;
  /** False when the holder ran on this host and its process is gone; null when unknown. */
  readonly holderRunning: boolean | null;
  readonly leaseExpired: boolean;
}

/** The in-progress marker of the lease row, when one is set; reads older layouts too. */
export async function readInProgress(q: Queryable): Promise<InProgress | undefined> {
  const rows = await q.query<{ lease: Record<string, unknown> | null; expired: boolean | null }>(
    `SELECT to_jsonb(l) AS lease, l.expires_at IS NULL OR l.expires_at < now() AS expired FROM ${LEASE_TABLE} l WHERE id = 1`,
  );
  const row = rows[0];
  const marker = typeof row?.lease?.['in_progress'] === 'string' ? (row.lease['in_progress'] as string) : undefined;
  const match = marker ? /^(apply|rollback):(\d+):/.exec(marker) : null;
  if (!row?.lease || !match) return undefined;
  const holder = typeof row.lease['holder'] === 'string' ? (row.lease['holder'] as string) : null;
  const since = typeof row.lease['in_progress_since'] === 'string' ? new Date(row.lease['in_progress_since'] as string).toISOString().replace(/\.\d+Z$/, 'Z') : null;
  const parts = holder?.split(':') ?? [];
  const pid = parts.length >= 3 ? Number(parts.at(-2)) : NaN;
  const host = parts.length >= 3 ? parts.slice(0, -2).join(':') : null;
  return {
    action: match[1] as 'apply' | 'rollback',
    version: Number(match[2]),
    since,
    holder,
    host,
    pid: Number.isInteger(pid) ? pid : null,
    holderRunning: holder === null ? false : holderIsDeadLocally(holder) ? false : host === hostname() ? true : null,
    leaseExpired: row.expired === true,
  };
}
