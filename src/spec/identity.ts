/** The two spellings of `identity:` (a generation, or the long form with sequence options) -> Catalog parts. */
import { fullIdentityOptions, sparseIdentityOptions } from '../catalog/identity-options.js';
import type { IdentityOptions } from '../catalog/types.js';
import type { ColumnSpec } from './types.js';

export function identityGeneration(identity: ColumnSpec['identity']): 'always' | 'by default' | undefined {
  if (identity === undefined) return undefined;
  return typeof identity === 'string' ? identity : identity.generated;
}

/** The sparse options of the long form, for a column of `type` (format_type text). */
export function identityOptionsOf(type: string, identity: ColumnSpec['identity']): IdentityOptions | undefined {
  if (identity === undefined || typeof identity === 'string') return undefined;
  const n = (v: number | undefined): string | undefined => (v === undefined ? undefined : String(v));
  const given: Record<string, string | true> = {};
  for (const [k, v] of [['start', n(identity.start)], ['increment', n(identity.increment)], ['min', n(identity.min)], ['max', n(identity.max)], ['cache', n(identity.cache)]] as const) {
    if (v !== undefined) given[k] = v;
  }
  if (identity.cycle === true) given['cycle'] = true;
  return sparseIdentityOptions(type, fullIdentityOptions(type, given as IdentityOptions));
}

/** Why the long form's options cannot make a sequence, or undefined. */
export function identityOptionsProblem(type: string, identity: ColumnSpec['identity']): string | undefined {
  if (identity === undefined || typeof identity === 'string') return undefined;
  if (identity.increment === 0) return 'an identity increment cannot be 0';
  const f = fullIdentityOptions(type, identityOptionsOf(type, identity));
  const [min, max, start] = [BigInt(f.min), BigInt(f.max), BigInt(f.start)];
  if (min >= max) return `identity min (${f.min}) must be less than max (${f.max})`;
  if (start < min || start > max) return `identity start (${f.start}) must be between min (${f.min}) and max (${f.max})`;
  return undefined;
}
