/**
 * The differ: pure `diff(from, to, inputs) -> Change[]`, in discovery order (the planner orders them).
 * Only the managed schemas are touched; grants only for the managed roles; external tables never.
 */
import type { Catalog, FunctionDef, Grants, Policy, Table, View } from '../../catalog/types.js';
import { invertChange, type Change } from '../changes.js';
import type { PlanInputs } from '../types.js';
import { commentChange, grantChanges, omit, same, type DiffContext } from './context.js';
import { ownerChanges } from './owners.js';
import { viewColumnComments } from './view-column-comments.js';
import { alterTableChanges, createTableChanges, dropTableChanges, triggerChanges } from './tables.js';
import { compositeChanges } from './composites.js';
import { domainChanges, enumChanges, extensionChanges, managedOnly, schemaChanges, sequenceChanges, signatureUsesType } from './types.js';
import { own } from '../../util/object-keys.js';
import { NO_PARTS, throughTableRenames, type RenamedParts } from './table-renames.js';
import { platformChanges } from './platform.js';
import { publicationObjectChanges } from './publications.js';

export function diff(from: Catalog, to: Catalog, inputs: PlanInputs): Change[] {
  const schemas = new Set(inputs.managedSchemas);
  const external = new Set(inputs.externalTables);
  const b = managedOnly(to, schemas);
  // The live side as table renames leave it: inbound FKs, keys, indexes and sequences follow the rename.
  const { catalog: a, parts } = throughTableRenames(managedOnly(from, schemas), b, inputs);
  const ctx: DiffContext = { from: a, to: b, inputs, managedRoles: new Set(inputs.managedRoles), out: [] };
  const out: Change[] = [];
  out.push(...schemaChanges(ctx), ...extensionChanges(ctx), ...enumChanges(ctx), ...domainChanges(ctx), ...compositeChanges(ctx), ...sequenceChanges(ctx));
  const { changes: fnChanges, recreated } = functionChanges(ctx, swappedEnums(out));
  out.push(...fnChanges);
  out.push(...tableChanges(ctx, external, recreated, parts));
  out.push(...foreignKeysOnRetypedColumns(ctx, out));
  const withPolicies = policiesOnRetypedColumns(ctx, out);
  out.length = 0;
  out.push(...withPolicies);
  out.push(...viewChanges(ctx, retypedColumns(out), retypedColumns(out, true)));
  // Triggers the spec owns on external tables (e.g. auth.users).
  const byTable = (c: Catalog): Map<string, Record<string, Catalog['externalTriggers'][string]>> => {
    const m = new Map<string, Record<string, Catalog['externalTriggers'][string]>>();
    for (const t of Object.values(c.externalTriggers)) {
      const rec = m.get(t.table) ?? {};
      rec[t.name] = t;
      m.set(t.table, rec);
    }
    return m;
  };
  const ea = byTable(a);
  const eb = byTable(b);
  for (const table of [...new Set([...ea.keys(), ...eb.keys()])].sort()) {
    const before = ea.get(table) ?? {};
    const after = eb.get(table) ?? {};
    const strip = (r: Record<string, Catalog['externalTriggers'][string]>): Record<string, Catalog['externalTriggers'][string]> =>
      Object.fromEntries(Object.entries(r).map(([k, t]) => [k, omit(t, 'table') as Catalog['externalTriggers'][string]]));
    out.push(...triggerChanges(table, strip(before), strip(after), true, recreated));
    for (const [name, t] of Object.entries(after)) {
      const old = own(before, name);
      const recreatedTrigger = !old || recreated.has(old.function);
      out.push(...commentChange({ type: 'trigger', table, name }, recreatedTrigger ? undefined : old.comment, t.comment));
    }
  }
  out.push(...platformChanges(a, b));
  out.push(...publicationObjectChanges(a, b));
  out.push(...ownerChanges(a, b, out));
  return out;
}

function tableChanges(ctx: DiffContext, external: ReadonlySet<string>, recreated: ReadonlySet<string>, parts: ReadonlyMap<string, RenamedParts>): Change[] {
  const out: Change[] = [];
  const { from, to, inputs } = ctx;
  const consumed = new Set<string>();
  const keys = Object.keys(to.tables).filter((k) => !external.has(k));
  // Renamed columns change how other tables' foreign keys read, so then every table is compared in full.
  const hasColumnRenames = Object.keys(inputs.columnRenames).length > 0;
  for (const key of keys) {
    const table = to.tables[key]!;
    // A declared rename wins over a live table of the new name, which is then dropped (before the rename).
    const was = inputs.tableRenames[key];
    let oldKey: string | undefined = was !== undefined && was !== key && from.tables[was] && !to.tables[was] ? was : from.tables[key] ? key : undefined;
    if (!oldKey) {
      out.push(...createTableChanges(ctx, key, table));
      continue;
    }
    consumed.add(oldKey);
    if (oldKey === key && partitionMove(from.tables[key]!, table)) {
      // A table becoming a partition, leaving one, or moving to another parent or bound: detached and
      // attached, rows kept; the rest of the table is compared as if it already had its new place.
      const live = from.tables[key]!;
      const placed: Table = { ...withoutPartitionOf(live), ...(table.partitionOf ? { partitionOf: table.partitionOf } : {}) };
      if (live.partitionOf) out.push({ kind: 'DetachPartition', table: key, parent: live.partitionOf.parent, bound: live.partitionOf.bound });
      if (table.partitionOf) out.push({ kind: 'AttachPartition', table: key, parent: table.partitionOf.parent, bound: table.partitionOf.bound });
      const rest = alterTableChanges(ctx, key, placed, table, recreated);
      out.push(...(table.partitionOf ? rest.map((c) => (c.kind === 'DropConstraint' ? { ...c, onlyLocal: true as const } : c)) : rest));
      continue;
    }
    if (oldKey === key && shapeChanged(from.tables[key]!, table)) {
      // Partitioned <-> plain, or another parent or bound: no ALTER does it, so the table is re-created
      // (its drop guarded by the live shape, so a re-run keeps the new table).
      const drops = dropTableChanges(ctx, key, from.tables[key]!);
      out.push(...drops.map((c) => (c.kind === 'DropTable' ? { ...c, unlessShape: tableShape(table) } : c)), ...createTableChanges(ctx, key, table));
      continue;
    }
    if (oldKey !== key) out.push({ kind: 'RenameTable', from: oldKey, to: key, parts: parts.get(key) ?? NO_PARTS });
    else if (recreated.size === 0 && !hasColumnRenames && JSON.stringify(from.tables[key]) === JSON.stringify(table)) continue; // unchanged
    out.push(...alterTableChanges(ctx, key, from.tables[oldKey]!, table, recreated));
  }
  for (const [key, table] of Object.entries(from.tables)) {
    if (consumed.has(key) || external.has(key)) continue;
    const freedFor = to.tables[key] ? inputs.tableRenames[key] : undefined;
    if (to.tables[key] && freedFor === undefined) continue;
    const drops = dropTableChanges(ctx, key, table);
    // Dropped to free the name for a renamed table: only while that table still has its old name, so a re-run keeps it.
    out.push(...(freedFor === undefined ? drops : drops.map((c) => (c.kind === 'DropTable' ? { ...c, whileTable: freedFor } : c))));
  }
  return out;
}

/** How a table is partitioned, and of what it is a partition: `partition key|parent|bound`. */
export function tableShape(t: Table): string {
  return `${t.partitionBy ?? ''}|${t.partitionOf?.parent ?? ''}|${t.partitionOf?.bound ?? ''}`;
}

/** Same partitioning of its own, another place as a partition: detach and attach do it. */
function partitionMove(a: Table, b: Table): boolean {
  return (a.partitionBy ?? '') === (b.partitionBy ?? '') && a.kind === b.kind && shapeChanged(a, b);
}

function withoutPartitionOf(t: Table): Table {
  const { partitionOf: _, ...rest } = t;
  return rest;
}

export function shapeChanged(a: Table, b: Table): boolean {
  return tableShape(a) !== tableShape(b);
}

function createFunction(ctx: DiffContext, key: string, fn: FunctionDef): Change[] {
  const f = { impliedInverse: true };
  void key;
  // A new function has PUBLIC's default EXECUTE and no other grants; an auth hook is revoked from
  // the API roles as well, which Supabase's default privileges may have granted it, whether or not
  // the YAML names them (a later plan manages every live grantee, and must find nothing to revoke).
  const hook = ctx.inputs.authHooks?.includes(`${fn.schema}.${fn.name}`) === true;
  const before: Grants = hook ? { anon: ['execute'], authenticated: ['execute'], public: ['execute'], service_role: ['execute'] } : { public: ['execute'] };
  return [
    { kind: 'CreateFunction', fn },
    ...grantChanges(ctx, { type: 'function', fn }, before, fn.grants, f, hook),
    ...commentChange({ type: 'function', fn }, undefined, fn.comment, f),
  ];
}

/**
 * Enums the plan swaps for a new type (ReplaceEnum), and those only the rollback swaps (the reverse
 * of an added value is a ReplaceEnum): what depends on them must be out of the way around the swap.
 */
function swappedEnums(changes: readonly Change[]): { forward: Set<string>; rollbackOnly: Set<string> } {
  const forward = new Set<string>();
  const rollbackOnly = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'ReplaceEnum') forward.add(`${c.to.schema}.${c.to.name}`);
    if (c.kind === 'AddEnumValue') rollbackOnly.add(`${c.enum.schema}.${c.enum.name}`);
  }
  for (const k of forward) rollbackOnly.delete(k);
  return { forward, rollbackOnly };
}

/** Marks changes as happening only in the rollback (their forward is a no-op pair). */
const rollbackOnly = (changes: readonly Change[]): Change[] => changes.map((c) => ({ ...c, implied: true }));

function functionChanges(ctx: DiffContext, swapped: { forward: ReadonlySet<string>; rollbackOnly: ReadonlySet<string> }): { changes: Change[]; recreated: Set<string> } {
  const out: Change[] = [];
  const recreated = new Set<string>();
  const usesAny = (fn: FunctionDef, enums: ReadonlySet<string>): boolean => [...enums].some((e) => signatureUsesType(fn, e));
  for (const [key, fn] of Object.entries(ctx.to.functions)) {
    const old = ctx.from.functions[key];
    if (!old) {
      out.push(...createFunction(ctx, key, fn));
      continue;
    }
    // A function whose arguments or result are an enum being swapped is dropped before the swap and created after it.
    if (usesAny(old, swapped.forward) || usesAny(fn, swapped.forward)) {
      out.push(...createFunction(ctx, key, old).map(invertChange), ...createFunction(ctx, key, fn));
      continue;
    }
    if (usesAny(old, swapped.rollbackOnly) && same(omit(old, 'owner'), omit(fn, 'owner'))) {
      out.push(...rollbackOnly([...createFunction(ctx, key, old).map(invertChange), ...createFunction(ctx, key, fn)]));
      continue;
    }
    // CREATE OR REPLACE cannot change the result type, rename parameters or remove their defaults.
    if (old.returns !== fn.returns || old.kind !== fn.kind || old.args !== fn.args) {
      recreated.add(`${fn.schema}.${fn.name}`);
      out.push(...createFunction(ctx, key, old).map(invertChange), ...createFunction(ctx, key, fn));
      continue;
    }
    if (!same(omit(old, 'grants', 'comment', 'owner'), omit(fn, 'grants', 'comment', 'owner'))) out.push({ kind: 'ReplaceFunction', from: old, to: fn });
    out.push(...grantChanges(ctx, { type: 'function', fn }, old.grants, fn.grants));
    out.push(...commentChange({ type: 'function', fn }, old.comment, fn.comment));
  }
  for (const [key, fn] of Object.entries(ctx.from.functions)) if (!ctx.to.functions[key]) out.push(...createFunction(ctx, key, fn).map(invertChange));
  return { changes: out, recreated };
}

function createView(ctx: DiffContext, key: string, view: View): Change[] {
  const f = { impliedInverse: true };
  const type = view.materialized ? ('materialized view' as const) : ('view' as const);
  return [
    { kind: 'CreateView', view },
    ...Object.values(view.indexes).flatMap((index) => [
      { ...f, kind: 'CreateIndex', table: key, index, existing: false, onView: true } as Change,
      ...commentChange({ type: 'index', table: key, name: index.name }, undefined, index.comment, f),
    ]),
    ...grantChanges(ctx, { type, key }, {}, view.grants, f),
    ...commentChange({ type, key }, undefined, view.comment, f),
    ...viewColumnComments(key, undefined, view, f),
  ];
}

/** Qualified names of the views a view's definition mentions (Postgres prints them qualified). */
export function viewMentions(view: View, keys: Iterable<string>): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const dot = key.indexOf('.');
    const schema = key.slice(0, dot);
    const name = key.slice(dot + 1);
    const ident = (s: string): string => (/^[a-z_][a-z0-9_$]*$/.test(s) ? `(?:${esc(s)}|"${esc(s)}")` : `"${esc(s.replaceAll('"', '""'))}"`);
    if (new RegExp(`${ident(schema)}\\.${ident(name)}(?![a-z0-9_$])`).test(view.definition)) out.push(key);
  }
  return out;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Table key -> columns whose type the plan changes (directly, or by swapping their enum type). */
function retypedColumns(changes: readonly Change[], rollbackOnlyUses = false): Map<string, Set<string>> {
  const retyped = new Map<string, Set<string>>();
  const add = (table: string, column: string): void => {
    const set = retyped.get(table) ?? new Set<string>();
    set.add(column);
    retyped.set(table, set);
  };
  if (rollbackOnlyUses) {
    // Columns whose enum only the rollback swaps (the reverse of an added value).
    const forward = retypedColumns(changes);
    for (const c of changes) {
      if (c.kind !== 'AddEnumValue') continue;
      for (const use of c.columnsBefore) if (!forward.get(use.table)?.has(use.column)) add(use.table, use.column);
    }
    return retyped;
  }
  for (const c of changes) {
    if (c.kind === 'AlterColumnType') add(c.table, c.to.name);
    if (c.kind === 'ReplaceEnum') for (const use of c.columns) add(use.table, use.column);
  }
  return retyped;
}

function viewChanges(ctx: DiffContext, retyped: ReadonlyMap<string, ReadonlySet<string>>, retypedInRollback: ReadonlyMap<string, ReadonlySet<string>>): Change[] {
  const out: Change[] = [];
  const { from, to } = ctx;
  const recreate = new Set<string>();
  const reads = (v: View, columns: ReadonlyMap<string, ReadonlySet<string>>): boolean =>
    [...columns].some(([table, cols]) => viewMentions(v, [table]).length > 0 && [...cols].some((c) => mentionsColumn(v.definition, c)));
  // Postgres refuses to change the type of a column a view reads: such views are recreated.
  for (const [key, v] of Object.entries(from.views)) {
    if (to.views[key] && reads(v, retyped)) recreate.add(key);
  }
  // Views on a column only the rollback retypes: recreated in the rollback alone (with the views on them).
  const rollbackRecreate = new Set<string>();
  for (const [key, v] of Object.entries(from.views)) {
    const n = to.views[key];
    if (n && !recreate.has(key) && same(omit(v, 'owner', 'columnComments'), omit(n, 'owner', 'columnComments')) && reads(v, retypedInRollback)) rollbackRecreate.add(key);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [key, v] of Object.entries(from.views)) {
      const n = to.views[key];
      if (rollbackRecreate.has(key) || recreate.has(key) || !n || !same(omit(v, 'owner', 'columnComments'), omit(n, 'owner', 'columnComments'))) continue;
      if (viewMentions(v, rollbackRecreate).length > 0) {
        rollbackRecreate.add(key);
        grew = true;
      }
    }
  }
  for (const key of rollbackRecreate) {
    const v = from.views[key]!;
    out.push(...rollbackOnly([...createView(ctx, key, v).map(invertChange), ...createView(ctx, key, v)]));
  }
  for (const [key, v] of Object.entries(to.views)) {
    const old = from.views[key];
    if (!old) continue;
    if (same(omit(old, 'grants', 'comment', 'indexes', 'owner', 'columnComments'), omit(v, 'grants', 'comment', 'indexes', 'owner', 'columnComments'))) continue;
    const appendOnly =
      !old.materialized &&
      !v.materialized &&
      // CREATE OR REPLACE VIEW sets the options it is given and resets the others.
      old.columns.length <= v.columns.length &&
      old.columns.every((c, i) => v.columns[i] === c);
    // The reverse of an append is a shrink, which needs drop + create: only safe with no view on top.
    const dependants = Object.entries(from.views).some(([k, other]) => k !== key && to.views[k] && viewMentions(other, [key]).length > 0);
    if (!appendOnly || dependants) recreate.add(key);
  }
  // Views reading a table the plan drops (e.g. one replaced by a view of the same name) are recreated,
  // around the drop, like the views on a recreated view.
  // A live table of a renamed table's new name is dropped first to free the name.
  const renamedOver = Object.entries(ctx.inputs.tableRenames).flatMap(([k, old]) => (old !== k && from.tables[k] && from.tables[old] && !to.tables[old] ? [k] : []));
  const reshaped = Object.keys(from.tables).filter((k) => to.tables[k] && shapeChanged(from.tables[k]!, to.tables[k]!));
  const droppedTables = [...Object.keys(from.tables).filter((k) => !to.tables[k]), ...renamedOver, ...reshaped];
  for (const [key, v] of Object.entries(from.views)) {
    if (to.views[key] && viewMentions(v, droppedTables).length > 0) recreate.add(key);
  }
  // Views reading a column the plan drops are recreated too (a replace would come after the drop).
  const renamedFrom = new Set(Object.entries(ctx.inputs.columnRenames).map(([target, old]) => `${target.slice(0, target.lastIndexOf('.'))}.${old}`));
  const droppedColumns = new Map<string, Set<string>>();
  for (const [key, t] of Object.entries(from.tables)) {
    const n = to.tables[key];
    if (!n) continue;
    const kept = new Set(n.columns.map((c) => c.name));
    const gone = t.columns.map((c) => c.name).filter((c) => !kept.has(c) && !renamedFrom.has(`${key}.${c}`));
    if (gone.length > 0) droppedColumns.set(key, new Set(gone));
  }
  for (const [key, v] of Object.entries(from.views)) {
    if (to.views[key] && reads(v, droppedColumns)) recreate.add(key);
  }
  // Views that depend on a recreated view are recreated too.
  let grew = true;
  while (grew) {
    grew = false;
    for (const [key, v] of Object.entries(from.views)) {
      if (recreate.has(key) || !to.views[key]) continue;
      if (viewMentions(v, recreate).length > 0) {
        recreate.add(key);
        grew = true;
      }
    }
  }
  for (const [key, v] of Object.entries(to.views)) {
    const old = from.views[key];
    if (!old) {
      out.push(...createView(ctx, key, v));
      continue;
    }
    if (rollbackRecreate.has(key)) continue;
    if (recreate.has(key)) {
      out.push(...createView(ctx, key, old).map(invertChange), ...createView(ctx, key, v));
      continue;
    }
    if (!same(omit(old, 'grants', 'comment', 'indexes', 'owner', 'columnComments'), omit(v, 'grants', 'comment', 'indexes', 'owner', 'columnComments'))) out.push({ kind: 'ReplaceView', from: old, to: v });
    const type = v.materialized ? ('materialized view' as const) : ('view' as const);
    for (const [name, i] of Object.entries(old.indexes)) {
      const n = own(v.indexes, name);
      if (!n || !same(omit(i, 'comment', 'definition'), omit(n, 'comment', 'definition'))) out.push({ kind: 'DropIndex', table: key, index: i, existing: true, onView: true });
    }
    for (const [name, i] of Object.entries(v.indexes)) {
      const o = own(old.indexes, name);
      const changed = !o || !same(omit(o, 'comment', 'definition'), omit(i, 'comment', 'definition'));
      if (changed) out.push({ kind: 'CreateIndex', table: key, index: i, existing: true, onView: true });
      out.push(...commentChange({ type: 'index', table: key, name }, changed ? undefined : o.comment, i.comment));
    }
    out.push(...grantChanges(ctx, { type, key }, old.grants, v.grants));
    out.push(...commentChange({ type, key }, old.comment, v.comment));
    out.push(...viewColumnComments(key, old, v));
  }
  for (const [key, v] of Object.entries(from.views)) if (!to.views[key]) out.push(...createView(ctx, key, v).map(invertChange));
  return out;
}

/** True when an expression names the column (plain or quoted identifier). */
export function mentionsColumn(expression: string, column: string): boolean {
  const e = esc(column);
  const quoted = `"${esc(column.replaceAll('"', '""'))}"`;
  return new RegExp(`(^|[^a-zA-Z0-9_$"])(${/^[a-z_][a-z0-9_$]*$/.test(column) ? `${e}|` : ''}${quoted})($|[^a-zA-Z0-9_$"])`).test(expression);
}

/**
 * An FK whose columns (on either side) change type is dropped before the type changes and added back
 * after them (NOT VALID, then VALIDATE): Postgres cannot keep an FK between columns of types that have
 * no equality operator in common at any moment of the change.
 */
function foreignKeysOnRetypedColumns(ctx: DiffContext, changes: readonly Change[]): Change[] {
  const retyped = retypedColumns(changes.filter((c) => c.kind === 'AlterColumnType'));
  if (retyped.size === 0) return [];
  const touched = new Set<string>();
  const created = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'AddConstraint' || c.kind === 'DropConstraint') touched.add(`${c.table}\u0000${c.constraint.name}`);
    if (c.kind === 'CreateTable') created.add(`${c.table.schema}.${c.table.name}`);
  }
  const hits = (table: string, columns: readonly string[]): boolean => columns.some((c) => retyped.get(table)?.has(c) ?? false);
  const out: Change[] = [];
  for (const [key, table] of Object.entries(ctx.to.tables)) {
    if (created.has(key)) continue;
    for (const constraint of Object.values(table.constraints)) {
      const fk = constraint.foreignKey;
      if (!fk || touched.has(`${key}\u0000${constraint.name}`)) continue;
      if (!hits(key, constraint.columns) && !hits(fk.table, fk.columns)) continue;
      out.push({ kind: 'DropConstraint', table: key, constraint, existing: true }, { kind: 'AddConstraint', table: key, constraint, existing: true });
    }
  }
  return out;
}

/**
 * Postgres refuses to change the type of a column a policy uses, or to drop it: such policies are
 * dropped before the change and created again after it.
 */
function policiesOnRetypedColumns(ctx: DiffContext, changes: readonly Change[]): Change[] {
  const retyped = retypedColumns(changes);
  const inRollback = retypedColumns(changes, true);
  const reads = (p: Policy, columns: ReadonlySet<string> | undefined): boolean =>
    columns !== undefined && [...columns].some((column) => mentionsColumn(`${p.using ?? ''}\n${p.check ?? ''}`, column));
  // Columns this plan drops (forward) or adds (so the rollback drops them).
  const dropped = new Map<string, Set<string>>();
  const added = new Map<string, Set<string>>();
  const note = (target: Map<string, Set<string>>, table: string, column: string): void => {
    target.set(table, (target.get(table) ?? new Set<string>()).add(column));
  };
  for (const c of changes) {
    if (c.kind === 'DropColumn') note(dropped, c.table, c.column.name);
    else if (c.kind === 'AddColumn') note(added, c.table, c.column.name);
  }
  // An ALTER POLICY runs after the type change: one on a retyped column becomes drop + create around it.
  // So does one whose old expression reads a column the plan drops (the policy must go before the
  // column), or whose new one reads a column the plan adds (the rollback drops it).
  const result: Change[] = [];
  const touched = new Set<string>();
  for (const c of changes) {
    if (
      c.kind === 'AlterPolicy' &&
      (reads(c.from, retyped.get(c.table)) || reads(c.to, retyped.get(c.table)) || reads(c.from, dropped.get(c.table)) || reads(c.to, added.get(c.table)))
    ) {
      result.push({ kind: 'DropPolicy', table: c.table, policy: c.from }, { kind: 'CreatePolicy', table: c.table, policy: c.to });
    } else result.push(c);
    if (c.kind === 'DropPolicy' || c.kind === 'AlterPolicy' || c.kind === 'CreatePolicy') {
      touched.add(`${c.table}\u0000${c.kind === 'AlterPolicy' ? c.to.name : c.policy.name}`);
    }
  }
  for (const [map, onlyRollback] of [[retyped, false], [inRollback, true]] as const) {
    for (const [table, columns] of map) {
      const t = ctx.to.tables[table];
      if (!t) continue;
      for (const policy of Object.values(t.policies)) {
        if (touched.has(`${table}\u0000${policy.name}`) || !reads(policy, columns)) continue;
        touched.add(`${table}\u0000${policy.name}`);
        const pair: Change[] = [{ kind: 'DropPolicy', table, policy }, { kind: 'CreatePolicy', table, policy }];
        if (policy.comment !== undefined) {
          const target = { type: 'policy' as const, table, name: policy.name };
          pair.push(...commentChange(target, policy.comment, undefined, { implied: true }), ...commentChange(target, undefined, policy.comment, { impliedInverse: true }));
        }
        result.push(...(onlyRollback ? rollbackOnly(pair) : pair));
      }
    }
  }
  return result;
}
