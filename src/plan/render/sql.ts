/** Small SQL-building helpers shared by the renderers. Every identifier goes through quoteIdent. */
import { createHash } from 'node:crypto';
import { quoteIdent, quoteLiteral, quoteQualified, splitQualified } from '../../catalog/names.js';
import type { Hazard, Step } from '../types.js';
import { visible } from '../../util/display.js';

/** `"schema"."name"` from a catalog key. */
export function q(key: string): string {
  const { schema, name } = splitQualified(key);
  return quoteQualified(schema, name);
}

/** A regclass/regtype literal for a catalog key: `'"s"."t"'`. */
export function lit(key: string): string {
  return quoteLiteral(q(key));
}

export { quoteIdent as ident, quoteLiteral as str };

/** Wraps a PL/pgSQL body in `DO $tag$ ... $tag$` with a tag that does not occur in the body. */
export function doBlock(body: string, declare?: string): string {
  let tag = 'do';
  for (let i = 1; body.includes(`$${tag}$`); i++) tag = `do${i}`;
  return `DO $${tag}$\n${declare ? `DECLARE\n  ${declare}\n` : ''}BEGIN\n${body}\nEND\n$${tag}$`;
}

/** Whether relation (or index) `child` is a partition of `parent` now: a guard for ATTACH/DETACH. */
export function inherits(child: string, parent: string): string {
  return `EXISTS (SELECT 1 FROM pg_catalog.pg_inherits WHERE inhrelid = to_regclass(${lit(child)}) AND inhparent = to_regclass(${lit(parent)}))`;
}

/** `IF <condition> THEN <statement>; END IF;` in a DO block. */
export function guarded(condition: string, statement: string): string {
  return doBlock(`  IF ${condition} THEN\n    ${statement};\n  END IF;`);
}

/** A name no longer than Postgres' 63 bytes, kept readable, made unique by a short hash when cut. */
export function shortName(base: string, suffix: string): string {
  const full = `${base}${suffix}`;
  if (Buffer.byteLength(full, 'utf8') <= 63) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  let cut = base;
  while (Buffer.byteLength(`${cut}_${hash}${suffix}`, 'utf8') > 63) cut = cut.slice(0, -1);
  return `${cut}_${hash}${suffix}`;
}

export interface StepOptions {
  readonly transactional?: boolean;
  readonly isolated?: boolean;
  readonly hazards?: readonly Hazard[];
}

export function step(sql: string, description: string, object: string, o: StepOptions = {}): Step {
  return {
    sql,
    transactional: o.transactional ?? true,
    ...(o.isolated ? { isolated: true } : {}),
    description: visible(description),
    object,
    hazards: [...new Set(o.hazards ?? [])].sort(),
  };
}
