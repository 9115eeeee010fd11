/**
 * An identity column's sequence options: the full set PostgreSQL keeps (`pg_sequence`) and the sparse
 * form the Catalog holds (only what differs from the defaults PostgreSQL picks for the column's type).
 * Both sides of a diff go through `sparseIdentityOptions`, so `{ min: 1000 }` and `{ min: 1000, start: 1000 }`
 * compare equal (the start defaults to the minimum of an ascending sequence).
 */
import type { IdentityOptions } from './types.js';

export interface FullIdentityOptions {
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

const BOUNDS: Readonly<Record<string, readonly [string, string]>> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};
const ALIASES: Readonly<Record<string, string>> = { int2: 'smallint', int: 'integer', int4: 'integer', int8: 'bigint' };

function bounds(type: string): readonly [string, string] {
  const t = type.trim().toLowerCase().replace(/^pg_catalog\./, '');
  return BOUNDS[ALIASES[t] ?? t] ?? BOUNDS['bigint']!;
}

/** What an option left out stands for, given the others (PostgreSQL's rules for CREATE SEQUENCE). */
export function fullIdentityOptions(type: string, o: IdentityOptions | undefined): FullIdentityOptions {
  const [lo, hi] = bounds(type);
  const increment = o?.increment ?? '1';
  const ascending = !increment.startsWith('-');
  const min = o?.min ?? (ascending ? '1' : lo);
  const max = o?.max ?? (ascending ? hi : '-1');
  return { start: o?.start ?? (ascending ? min : max), increment, min, max, cache: o?.cache ?? '1', cycle: o?.cycle === true };
}

/** The options that differ from their defaults; undefined when every one is the default. */
export function sparseIdentityOptions(type: string, full: FullIdentityOptions): IdentityOptions | undefined {
  const [lo, hi] = bounds(type);
  const ascending = !full.increment.startsWith('-');
  const out: { -readonly [K in keyof IdentityOptions]: IdentityOptions[K] } = {};
  // Sorted keys, like every Catalog record.
  if (full.cache !== '1') out.cache = full.cache;
  if (full.cycle) out.cycle = true;
  if (full.increment !== '1') out.increment = full.increment;
  if (full.max !== (ascending ? hi : '-1')) out.max = full.max;
  if (full.min !== (ascending ? '1' : lo)) out.min = full.min;
  if (full.start !== (ascending ? full.min : full.max)) out.start = full.start;
  return Object.keys(out).length > 0 ? out : undefined;
}

export function sameIdentityOptions(a: IdentityOptions | undefined, b: IdentityOptions | undefined): boolean {
  const keys: readonly (keyof IdentityOptions)[] = ['start', 'increment', 'min', 'max', 'cache', 'cycle'];
  return keys.every((k) => a?.[k] === b?.[k]);
}

/** `START WITH 100 INCREMENT BY 10 ...` for the options given (CREATE / ADD GENERATED ... AS IDENTITY (...)). */
export function identityOptionsClause(o: IdentityOptions | undefined): string {
  if (!o) return '';
  const parts: string[] = [];
  if (o.start !== undefined) parts.push(`START WITH ${o.start}`);
  if (o.increment !== undefined) parts.push(`INCREMENT BY ${o.increment}`);
  if (o.min !== undefined) parts.push(`MINVALUE ${o.min}`);
  if (o.max !== undefined) parts.push(`MAXVALUE ${o.max}`);
  if (o.cache !== undefined) parts.push(`CACHE ${o.cache}`);
  if (o.cycle) parts.push('CYCLE');
  return parts.length > 0 ? ` (${parts.join(' ')})` : '';
}
