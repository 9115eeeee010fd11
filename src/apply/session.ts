/**
 * An applier's session: a connection for the work, one for the lease (so renewing never waits
 * behind a long statement), the history created, the lease held and renewed until `close()`.
 */
import { connect, type Db, type Queryable } from '../db/index.js';
import { guardClosedSocketWrites } from '../db/driver-guard.js';
import { ensureHistory } from './history.js';
import { acquireLease, assertHeld, newHolderId, release, startRenewal } from './lease.js';

export interface SessionOptions {
  readonly dbUrl: string;
  /** Seconds to wait for another applier. */
  readonly waitSeconds: number;
  readonly leaseTtlSeconds: number;
  readonly progress: (message: string) => void;
}

export interface ApplySession {
  readonly db: Db;
  readonly holder: string;
  /** Throws when the lease was lost (checked before every step). */
  guard(q: Queryable): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_WAIT_SECONDS = 60;
export const DEFAULT_LEASE_TTL_SECONDS = 60;

export async function openSession(options: SessionOptions): Promise<ApplySession> {
  // A connection cut or a server restart mid-step must end in a clear error, not a driver crash.
  guardClosedSocketWrites();
  const db = connect(options.dbUrl, { max: 1, applicationName: 'schema apply' });
  const leaseDb = connect(options.dbUrl, { max: 1, applicationName: 'schema apply lease' });
  const holder = newHolderId();
  let renewal: { stop(): void; lost(): boolean } | undefined;
  try {
    await ensureHistory(db);
    await acquireLease(leaseDb, { holder, ttlSeconds: options.leaseTtlSeconds, waitSeconds: options.waitSeconds, progress: options.progress });
    renewal = startRenewal(leaseDb, holder, options.leaseTtlSeconds);
  } catch (error) {
    await Promise.allSettled([db.close(), leaseDb.close()]);
    throw error;
  }
  const timer = renewal;
  return {
    db,
    holder,
    guard: (q) => assertHeld(q, holder),
    close: async () => {
      timer.stop();
      await release(leaseDb, holder).catch(() => undefined);
      await Promise.allSettled([db.close(), leaseDb.close()]);
    },
  };
}
