/** Composite types: created, dropped, or altered attribute by attribute. */
import type { CompositeType } from '../../catalog/types.js';
import { invertChange, type Change } from '../changes.js';
import { commentChange, omit, same, type DiffContext } from './context.js';

/**
 * Whether ALTER TYPE can turn `a` into `b`: kept attributes stay in their order and the new ones
 * come last (ADD ATTRIBUTE appends). Otherwise the type is dropped and created.
 */
export function compositeAlterable(a: CompositeType, b: CompositeType): boolean {
  const names = new Set(a.attributes.map((x) => x.name));
  const kept = b.attributes.filter((x) => names.has(x.name)).map((x) => x.name);
  const keptInOld = a.attributes.filter((x) => kept.includes(x.name)).map((x) => x.name);
  if (kept.join('\u0000') !== keptInOld.join('\u0000')) return false;
  return b.attributes.slice(0, kept.length).every((x) => names.has(x.name));
}

export function compositeChanges(ctx: DiffContext): Change[] {
  const out: Change[] = [];
  const from = ctx.from.composites ?? {};
  const to = ctx.to.composites ?? {};
  const create = (key: string, t: CompositeType): Change[] => [
    { kind: 'CreateComposite', composite: t },
    ...commentChange({ type: 'type', key }, undefined, t.comment, { impliedInverse: true }),
  ];
  for (const [key, t] of Object.entries(to)) {
    const old = from[key];
    if (!old) out.push(...create(key, t));
    else if (!compositeAlterable(old, t)) out.push(...create(key, old).map(invertChange), ...create(key, t));
    else {
      if (!same(omit(old, 'comment'), omit(t, 'comment'))) out.push({ kind: 'AlterComposite', from: old, to: t });
      out.push(...commentChange({ type: 'type', key }, old.comment, t.comment));
    }
  }
  for (const [key, t] of Object.entries(from)) if (!to[key]) out.push(...create(key, t).map(invertChange));
  return out;
}
