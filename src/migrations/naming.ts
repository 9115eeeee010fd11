/** Migration file names: `NNN_slug.sql` and `rollback_NNN.sql`. */
import { existsSync, readdirSync } from 'node:fs';

const FORWARD = /^(\d+)_(.+)\.sql$/;
const ROLLBACK = /^rollback_(\d+)\.sql$/;

export interface MigrationFileName {
  readonly version: number;
  /** File name, e.g. `003_add_notifications.sql`. */
  readonly file: string;
  /** `003_add_notifications`. */
  readonly name: string;
}

export function parseForwardName(file: string): MigrationFileName | undefined {
  const match = FORWARD.exec(file);
  if (!match || file.startsWith('rollback_')) return undefined;
  return { version: Number(match[1]), file, name: file.slice(0, -'.sql'.length) };
}

export function parseRollbackName(file: string): number | undefined {
  const match = ROLLBACK.exec(file);
  return match ? Number(match[1]) : undefined;
}

export const rollbackFileName = (version: number): string => `rollback_${pad(version)}.sql`;

export const pad = (version: number): string => String(version).padStart(3, '0');

/**
 * A Supabase CLI version: the UTC time the migration was made, `YYYYMMDDHHMMSS` (14 digits). A
 * directory holding one (`supabase/migrations`) is numbered that way; the others count 001, 002, ...
 */
export const isTimestampVersion = (version: number): boolean => version >= 10_000_000_000_000 && version < 100_000_000_000_000;

/** `date` as a 14-digit UTC timestamp version. */
export function timestampVersion(date: Date): number {
  const iso = date.toISOString();
  return Number(`${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`);
}

/**
 * The next free number: one more than the highest forward or rollback number in the directory; in a
 * directory of timestamp versions (a Supabase CLI project), the current UTC time when that is later.
 */
export function nextVersion(dir: string, now: Date = new Date()): number {
  if (!existsSync(dir)) return 1;
  let highest = 0;
  let timestamps = false;
  for (const file of readdirSync(dir)) {
    const version = parseForwardName(file)?.version ?? parseRollbackName(file);
    if (version === undefined) continue;
    if (isTimestampVersion(version)) timestamps = true;
    if (version > highest) highest = version;
  }
  return timestamps ? Math.max(highest + 1, timestampVersion(now)) : highest + 1;
}

/** A file-name-safe slug: lower-case ASCII words joined by `_`, at most 60 characters. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/g, '');
  return slug || 'migration';
}
