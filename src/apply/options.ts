/** Flag values shared by the runner's commands, checked (bad values are input errors, exit 2). */
import { InputError } from '../util/findings.js';
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
