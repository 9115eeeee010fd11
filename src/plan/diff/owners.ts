/**
 * Owners: `ALTER ... OWNER TO` where the owner of an object differs between the two catalogs. An
 * absent `owner` is the role that runs the migration (`CURRENT_USER`), which also owns every object
 * a migration creates: a created or recreated object gets its declared owner right after creation,
 * and a dropped one gets its owner back when the rollback creates it again.
 *
 * Sequences owned by a column (serial, OWNED BY) follow their table's owner and are left out, as
 * PostgreSQL refuses to change them on their own.
 */
import type { Catalog, FunctionDef } from '../../catalog/types.js';
import type { Change, ObjectRef } from '../changes.js';
import { own } from '../../util/object-keys.js';

interface Owned {
  readonly owner?: string;
}

/** The changes that create an object again under its key: its owner must be set again after them. */
function createdKeys(changes: readonly Change[]): Set<string> {
  const out = new Set<string>();
  for (const c of changes) {
    switch (c.kind) {
      case 'CreateSchema':
        out.add(`schema:${c.schema.name}`);
        break;
      case 'CreateTable':
        out.add(`table:${c.table.schema}.${c.table.name}`);
        break;
      case 'CreateView':
        out.add(`view:${c.view.schema}.${c.view.name}`);
        break;
      case 'CreateSequence':
        out.add(`sequence:${c.sequence.schema}.${c.sequence.name}`);
        break;
      case 'CreateEnum':
        out.add(`type:${c.enum.schema}.${c.enum.name}`);
        break;
      case 'ReplaceEnum':
        // The enum is swapped for a new type of the same name.
        out.add(`type:${c.to.schema}.${c.to.name}`);
        break;
      case 'CreateDomain':
        out.add(`domain:${c.domain.schema}.${c.domain.name}`);
        break;
      case 'CreateFunction':
        out.add(`function:${c.fn.schema}.${c.fn.name}(${c.fn.identityArgs})`);
        break;
      default:
        break;
    }
  }
  return out;
}

function ownerPair<T extends Owned>(
  out: Change[],
  created: ReadonlySet<string>,
  id: string,
  target: ObjectRef,
  before: T | undefined,
  after: T | undefined,
): void {
  const from = before?.owner;
  const to = after?.owner;
  if (after === undefined) {
    // Dropped: the rollback creates it again, then gives it its owner back.
    if (from !== undefined) out.push({ kind: 'SetOwner', target, from, implied: true });
    return;
  }
  if (before === undefined) {
    // New: created by the migration's role, then handed to its declared owner.
    if (to !== undefined) out.push({ kind: 'SetOwner', target, to, impliedInverse: true });
    return;
  }
  if (created.has(id) ? from === undefined && to === undefined : from === to) return;
  out.push({ kind: 'SetOwner', target, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) });
}

function each<T extends Owned>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>, visit: (key: string, before: T | undefined, after: T | undefined) => void): void {
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) visit(key, own(a, key), own(b, key));
}

/** SetOwner changes between `a` and `b`, given the changes already found (which may recreate objects). */
export function ownerChanges(a: Catalog, b: Catalog, changes: readonly Change[]): Change[] {
  const created = createdKeys(changes);
  const out: Change[] = [];
  each(a.schemas, b.schemas, (name, x, y) => ownerPair(out, created, `schema:${name}`, { type: 'schema', name }, x, y));
  each(a.enums, b.enums, (key, x, y) => ownerPair(out, created, `type:${key}`, { type: 'type', key }, x, y));
  each(a.domains, b.domains, (key, x, y) => ownerPair(out, created, `domain:${key}`, { type: 'domain', key }, x, y));
  each(a.sequences, b.sequences, (key, x, y) => {
    if (x?.ownedBy !== undefined || y?.ownedBy !== undefined) return;
    ownerPair(out, created, `sequence:${key}`, { type: 'sequence', key }, x, y);
  });
  each(a.tables, b.tables, (key, x, y) => ownerPair(out, created, `table:${key}`, { type: 'table', key }, x, y));
  each(a.views, b.views, (key, x, y) => {
    const type = (y ?? x)!.materialized ? 'materialized view' : 'view';
    ownerPair(out, created, `view:${key}`, { type, key }, x, y);
  });
  each(a.functions, b.functions, (key, x, y) => {
    const fn: FunctionDef = (y ?? x)!;
    ownerPair(out, created, `function:${key}`, { type: 'function', fn }, x, y);
  });
  return out;
}
