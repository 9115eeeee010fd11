/** Flag values shared by the runner's commands, checked (bad values are input errors, exit 2). */
import { InputError } from '../util/findings.js';
import { DEFAULT_BACKFILL_PAUSE_MS, DEFAULT_BACKFILL_ROWS } from './batch.js';
import { DEFAULT_LEASE_TTL_SECONDS, DEFAULT_WAIT_SECONDS } from './session.js';

export function parseSeconds(value: unknown, flag: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InputError(`${flag} ${String(value)}: expected a number of seconds (e.g. ${flag} 30)`);
  return n;
}

export function parseVersion(value: unknown, flag: string): number {
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new InputError(`${flag} ${text}: expected a migration number such as 003`);
  return Number(text);
}

export interface LeaseFlags {
  readonly waitSeconds: number;
  readonly leaseTtlSeconds: number;
}

/** --wait and --lease-ttl (the TTL also from SCHEMA_LEASE_TTL, for tests and slow networks). */
export function leaseFlags(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): LeaseFlags {
  const ttl = parseSeconds(flags['leaseTtl'] ?? env['SCHEMA_LEASE_TTL'], '--lease-ttl', DEFAULT_LEASE_TTL_SECONDS);
  if (ttl < 1) throw new InputError(`--lease-ttl ${ttl}: must be at least 1 second`);
  return { waitSeconds: parseSeconds(flags['wait'], '--wait', DEFAULT_WAIT_SECONDS), leaseTtlSeconds: ttl };
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000 };

/** `20ms`, `1s`, `0.5s`, or a bare number of milliseconds -> milliseconds; undefined when not a duration. */
export function durationMs(value: unknown): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(us|ms|s|min|h)?$/.exec(String(value).trim());
  return m ? Number(m[1]) * UNIT_MS[m[2] ?? 'ms']! : undefined;
}

export interface BackfillFlags {
  readonly backfillRows: number;
  readonly backfillPauseMs: number;
}

/** --backfill-rows and --backfill-pause over the config's backfill_rows / backfill_pause. */
export function backfillFlags(flags: Record<string, unknown>, config: { backfill_rows?: number; backfill_pause?: string }): BackfillFlags {
  const rawRows = flags['backfillRows'] ?? config.backfill_rows;
  const rows = rawRows === undefined ? DEFAULT_BACKFILL_ROWS : Number(rawRows);
  if (!Number.isInteger(rows) || rows < 1) throw new InputError(`--backfill-rows ${String(rawRows)}: expected a whole number of rows per batch, at least 1 (e.g. --backfill-rows 1000)`);
  const rawPause = flags['backfillPause'] ?? config.backfill_pause;
  const pause = rawPause === undefined ? DEFAULT_BACKFILL_PAUSE_MS : durationMs(rawPause);
  if (pause === undefined) throw new InputError(`--backfill-pause ${String(rawPause)}: expected a duration such as 20ms or 1s`);
  return { backfillRows: rows, backfillPauseMs: pause };
}

const DURATION = /^\d+(?:\.\d+)?\s*(?:us|ms|s|min|h|d)?$/;

/** A --lock-timeout/--statement-timeout value: a PostgreSQL duration (a bare number is ms). */
export function parseDuration(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (!DURATION.test(text)) throw new InputError(`${flag} ${String(value)}: expected a duration such as 1s, 500ms or 2min (a bare number is milliseconds)`);
  return text;
}

/** --lock-retries: attempts more after a lock timeout, deadlock or serialization failure. */
export function retryFlags(flags: Record<string, unknown>): { lockRetries?: number } {
  const value = flags['lockRetries'];
  if (value === undefined) return {};
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new InputError(`--lock-retries ${text}: expected a whole number (0 for no retry)`);
  return { lockRetries: Number(text) };
}
