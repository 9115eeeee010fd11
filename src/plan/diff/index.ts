/**
 * The differ: pure `diff(from, to, inputs) -> Change[]`, in discovery order (the planner orders them).
 * Only the managed schemas are touched; grants only for the managed roles; external tables never.
 */
import type { Catalog, FunctionDef, View } from '../../catalog/types.js';
import { invertChange, type Change } from '../changes.js';
import type { PlanInputs } from '../types.js';
import { commentChange, grantChanges, omit, same, type DiffContext } from './context.js';
import { alterTableChanges, createTableChanges, dropTableChanges, triggerChanges } from './tables.js';
import { domainChanges, enumChanges, extensionChanges, managedOnly, schemaChanges, sequenceChanges } from './types.js';

export function diff(from: Catalog, to: Catalog, inputs: PlanInputs): Change[] {
  const schemas = new Set(inputs.managedSchemas);
  const external = new Set(inputs.externalTables);
  const a = managedOnly(from, schemas);
  const b = managedOnly(to, schemas);
  const ctx: DiffContext = { from: a, to: b, inputs, managedRoles: new Set(inputs.managedRoles), out: [] };
  const out: Change[] = [];
  out.push(...schemaChanges(ctx), ...extensionChanges(ctx), ...enumChanges(ctx), ...domainChanges(ctx), ...sequenceChanges(ctx));
  const { changes: fnChanges, recreated } = functionChanges(ctx);
  out.push(...fnChanges);
  out.push(...tableChanges(ctx, external, recreated));
  out.push(...policiesOnRetypedColumns(ctx, out));
  out.push(...viewChanges(ctx, retypedColumns(out)));
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
      const old = before[name];
      const recreatedTrigger = !old || recreated.has(old.function);
      out.push(...commentChange({ type: 'trigger', table, name }, recreatedTrigger ? undefined : old.comment, t.comment));
    }
  }
  return out;
}

function tableChanges(ctx: DiffContext, external: ReadonlySet<string>, recreated: ReadonlySet<string>): Change[] {
  const out: Change[] = [];
  const { from, to, inputs } = ctx;
  const consumed = new Set<string>();
  const keys = Object.keys(to.tables).filter((k) => !external.has(k));
  for (const key of keys) {
    const table = to.tables[key]!;
    let oldKey: string | undefined = from.tables[key] ? key : undefined;
    if (!oldKey) {
      const was = inputs.tableRenames[key];
      if (was !== undefined && from.tables[was] && !to.tables[was]) oldKey = was;
    }
    if (!oldKey) {
      out.push(...createTableChanges(ctx, key, table));
      continue;
    }
    consumed.add(oldKey);
    if (oldKey !== key) out.push({ kind: 'RenameTable', from: oldKey, to: key });
    out.push(...alterTableChanges(ctx, key, from.tables[oldKey]!, table, recreated));
  }
  for (const [key, table] of Object.entries(from.tables)) {
    if (consumed.has(key) || external.has(key) || to.tables[key]) continue;
    out.push(...dropTableChanges(ctx, key, table));
  }
  return out;
}

function createFunction(ctx: DiffContext, key: string, fn: FunctionDef): Change[] {
  const f = { impliedInverse: true };
  // A new function has PUBLIC's default EXECUTE and no other grants.
  void key;
  return [
    { kind: 'CreateFunction', fn },
    ...grantChanges(ctx, { type: 'function', fn }, { public: ['execute'] }, fn.grants, f),
    ...commentChange({ type: 'function', fn }, undefined, fn.comment, f),
  ];
}

function functionChanges(ctx: DiffContext): { changes: Change[]; recreated: Set<string> } {
  const out: Change[] = [];
  const recreated = new Set<string>();
  for (const [key, fn] of Object.entries(ctx.to.functions)) {
    const old = ctx.from.functions[key];
    if (!old) {
      out.push(...createFunction(ctx, key, fn));
      continue;
    }
    // CREATE OR REPLACE cannot change the result type, rename parameters or remove their defaults.
    if (old.returns !== fn.returns || old.kind !== fn.kind || old.args !== fn.args) {
      recreated.add(`${fn.schema}.${fn.name}`);
      out.push(...createFunction(ctx, key, old).map(invertChange), ...createFunction(ctx, key, fn));
      continue;
    }
    if (!same(omit(old, 'grants', 'comment'), omit(fn, 'grants', 'comment'))) out.push({ kind: 'ReplaceFunction', from: old, to: fn });
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
function retypedColumns(changes: readonly Change[]): Map<string, Set<string>> {
  const retyped = new Map<string, Set<string>>();
  const add = (table: string, column: string): void => {
    const set = retyped.get(table) ?? new Set<string>();
    set.add(column);
    retyped.set(table, set);
  };
  for (const c of changes) {
    if (c.kind === 'AlterColumnType') add(c.table, c.to.name);
    if (c.kind === 'ReplaceEnum') for (const use of c.columns) add(use.table, use.column);
  }
  return retyped;
}

function viewChanges(ctx: DiffContext, retyped: ReadonlyMap<string, ReadonlySet<string>>): Change[] {
  const out: Change[] = [];
  const { from, to } = ctx;
  const recreate = new Set<string>();
  // Postgres refuses to change the type of a column a view reads: such views are recreated.
  for (const [key, v] of Object.entries(from.views)) {
    if (!to.views[key]) continue;
    for (const [table, columns] of retyped) {
      if (viewMentions(v, [table]).length > 0 && [...columns].some((c) => mentionsColumn(v.definition, c))) recreate.add(key);
    }
  }
  for (const [key, v] of Object.entries(to.views)) {
    const old = from.views[key];
    if (!old) continue;
    if (same(omit(old, 'grants', 'comment', 'indexes'), omit(v, 'grants', 'comment', 'indexes'))) continue;
    const appendOnly =
      !old.materialized &&
      !v.materialized &&
      same(old.options, v.options) &&
      old.columns.length <= v.columns.length &&
      old.columns.every((c, i) => v.columns[i] === c);
    // The reverse of an append is a shrink, which needs drop + create: only safe with no view on top.
    const dependants = Object.entries(from.views).some(([k, other]) => k !== key && to.views[k] && viewMentions(other, [key]).length > 0);
    if (!appendOnly || dependants) recreate.add(key);
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
    if (recreate.has(key)) {
      out.push(...createView(ctx, key, old).map(invertChange), ...createView(ctx, key, v));
      continue;
    }
    if (!same(omit(old, 'grants', 'comment', 'indexes'), omit(v, 'grants', 'comment', 'indexes'))) out.push({ kind: 'ReplaceView', from: old, to: v });
    const type = v.materialized ? ('materialized view' as const) : ('view' as const);
    for (const [name, i] of Object.entries(old.indexes)) {
      const n = v.indexes[name];
      if (!n || !same(omit(i, 'comment', 'definition'), omit(n, 'comment', 'definition'))) out.push({ kind: 'DropIndex', table: key, index: i, existing: true, onView: true });
    }
    for (const [name, i] of Object.entries(v.indexes)) {
      const o = old.indexes[name];
      const changed = !o || !same(omit(o, 'comment', 'definition'), omit(i, 'comment', 'definition'));
      if (changed) out.push({ kind: 'CreateIndex', table: key, index: i, existing: true, onView: true });
      out.push(...commentChange({ type: 'index', table: key, name }, changed ? undefined : o.comment, i.comment));
    }
    out.push(...grantChanges(ctx, { type, key }, old.grants, v.grants));
    out.push(...commentChange({ type, key }, old.comment, v.comment));
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
 * Postgres refuses to change the type of a column a policy uses: such policies (unchanged otherwise)
 * are dropped before the type change and created again after it.
 */
function policiesOnRetypedColumns(ctx: DiffContext, changes: readonly Change[]): Change[] {
  const retyped = retypedColumns(changes);
  const touched = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'DropPolicy' || c.kind === 'AlterPolicy' || c.kind === 'CreatePolicy') {
      touched.add(`${c.table}\u0000${c.kind === 'AlterPolicy' ? c.to.name : c.policy.name}`);
    }
  }
  const out: Change[] = [];
  for (const [table, columns] of retyped) {
    const t = ctx.to.tables[table];
    if (!t) continue;
    for (const policy of Object.values(t.policies)) {
      if (touched.has(`${table}\u0000${policy.name}`)) continue;
      const text = `${policy.using ?? ''}\n${policy.check ?? ''}`;
      if ([...columns].some((column) => mentionsColumn(text, column))) {
        out.push({ kind: 'DropPolicy', table, policy }, { kind: 'CreatePolicy', table, policy });
        if (policy.comment !== undefined) {
          const target = { type: 'policy' as const, table, name: policy.name };
          out.push(...commentChange(target, policy.comment, undefined, { implied: true }), ...commentChange(target, undefined, policy.comment, { impliedInverse: true }));
        }
      }
    }
  }
  return out;
}
