/**
 * Comments on the indexes behind primary key, unique and exclusion constraints (`indexComment`):
 * the index is named like its constraint, made and dropped with it.
 */
import type { Column, Constraint, Table } from '../../catalog/types.js';
import type { Change } from '../changes.js';
import { own } from '../../util/object-keys.js';
import { commentChange, omit, same } from './context.js';

/** The constraint is dropped and added again (its index too, without its comment). */
function recreated(a: Constraint, b: Constraint): boolean {
  const strip = (c: Constraint): unknown => ({ ...omit(c, 'validated', 'comment', 'indexComment', 'definition'), d: c.definition.replace(/\s+NOT VALID$/, '') });
  return !same(strip(a), strip(b));
}

/** Comment changes of constraint indexes between two versions of one table. */
export function constraintIndexComments(key: string, a: Table, b: Table): Change[] {
  const out: Change[] = [];
  for (const [name, c] of Object.entries(b.constraints)) {
    const old = own(a.constraints, name);
    const target = { type: 'index', table: key, name } as const;
    if (old === undefined || !recreated(old, c)) {
      out.push(...commentChange(target, old?.indexComment, c.indexComment));
      continue;
    }
    // Dropped and added: the drop takes the old comment (set again after the rollback's add), the rollback's drop the new one.
    out.push(...commentChange(target, old.indexComment, undefined, { implied: true }), ...commentChange(target, undefined, c.indexComment, { impliedInverse: true }));
  }
  for (const [name, c] of Object.entries(a.constraints)) {
    if (!Object.hasOwn(b.constraints, name) && c.indexComment !== undefined) out.push(...commentChange({ type: 'index', table: key, name }, c.indexComment, undefined, { implied: true }));
  }
  return out;
}

/**
 * COMMENT ON SEQUENCE of an identity column's sequence (Column.identitySequence), from `before`
 * (absent: a new column or identity) to `after`. The sequence lives in the table's schema.
 */
export function identitySequenceComment(key: string, before: Column | undefined, after: Column, flags: { implied?: boolean; impliedInverse?: boolean } = {}): Change[] {
  const seq = after.identitySequence ?? before?.identitySequence;
  if (seq === undefined || after.identity === undefined) return [];
  const schema = key.slice(0, key.indexOf('.'));
  return commentChange({ type: 'sequence', key: `${schema}.${seq.name}` }, before?.identitySequence?.comment, after.identitySequence?.comment, flags);
}
