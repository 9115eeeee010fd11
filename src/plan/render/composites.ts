/** SQL for composite types: CREATE TYPE ... AS (...), DROP TYPE, ALTER TYPE ... ADD / DROP / ALTER ATTRIBUTE. */
import { quoteIdent } from '../../catalog/names.js';
import type { CompositeAttribute, CompositeType } from '../../catalog/types.js';
import type { Step } from '../types.js';
import { guarded, lit, q, step, str } from './sql.js';

const key = (o: { readonly schema: string; readonly name: string }): string => `${o.schema}.${o.name}`;
const attribute = (a: CompositeAttribute): string => `${quoteIdent(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`;

export function createComposite(t: CompositeType): Step[] {
  const k = key(t);
  // Guarded by a lookup (like domains): a re-run finds the type there.
  const sql = `CREATE TYPE ${q(k)} AS (${t.attributes.map(attribute).join(', ')})`;
  return [step(guarded(`to_regtype(${lit(k)}) IS NULL`, sql), `+ type ${k}`, k)];
}

export function dropComposite(t: CompositeType): Step[] {
  return [step(`DROP TYPE IF EXISTS ${q(key(t))}`, `- type ${key(t)}`, key(t))];
}

/** Drops, type changes, then additions (which append, in the wanted order). */
export function alterComposite(from: CompositeType, to: CompositeType): Step[] {
  const k = key(to);
  const head = `ALTER TYPE ${q(k)}`;
  const before = new Map(from.attributes.map((a) => [a.name, a]));
  const after = new Set(to.attributes.map((a) => a.name));
  const out: Step[] = [];
  for (const a of from.attributes) {
    if (!after.has(a.name)) out.push(step(`${head} DROP ATTRIBUTE IF EXISTS ${quoteIdent(a.name)}`, `~ type ${k} drop attribute ${a.name}`, k, { hazards: ['deletes-data'] }));
  }
  for (const a of to.attributes) {
    const old = before.get(a.name);
    if (old && (old.type !== a.type || old.collation !== a.collation)) {
      out.push(step(`${head} ALTER ATTRIBUTE ${quoteIdent(a.name)} TYPE ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`, `~ type ${k} attribute ${a.name} ${a.type}`, k));
    }
  }
  for (const a of to.attributes) {
    if (before.has(a.name)) continue;
    const exists = `EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = (SELECT typrelid FROM pg_catalog.pg_type WHERE oid = ${lit(k)}::regtype) AND attname = ${str(a.name)} AND NOT attisdropped)`;
    out.push(step(guarded(`NOT ${exists}`, `${head} ADD ATTRIBUTE ${attribute(a)}`), `~ type ${k} add attribute ${a.name}`, k));
  }
  return out;
}
