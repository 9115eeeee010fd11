/** Schemas, extensions, enums, domains and sequences. */
import { parseQualifiedReference, qualifiedName } from '../../catalog/names.js';
import type { Catalog, Domain, EnumType, FunctionDef, SchemaDef, Sequence } from '../../catalog/types.js';
import { parseDefaultPrivilegesKey } from '../../catalog/compare.js';
import { invertChange, type Change, type EnumColumnUse } from '../changes.js';
import { commentChange, grantChanges, omit, same, type DiffContext } from './context.js';
import { own } from '../../util/object-keys.js';
import { builtinDefaults, GLOBAL_DEFAULTS } from '../../catalog/global-defaults.js';

export function schemaChanges(ctx: DiffContext): Change[] {
  const out: Change[] = [];
  const managed = new Set(ctx.inputs.managedSchemas);
  const withGrants = new Set(ctx.inputs.schemaGrants ?? []);
  // A new schema starts with no grants but its owner's; only declared grants are diffed.
  const grants = (name: string, before: SchemaDef | undefined, after: SchemaDef | undefined, flags: { implied?: boolean; impliedInverse?: boolean } = {}): Change[] =>
    withGrants.has(name) ? grantChanges(ctx, { type: 'schema', name }, before?.grants ?? {}, after?.grants ?? {}, flags) : [];
  // Default privileges: only the (FOR ROLE, objects) entries the spec declares.
  const declaredDefaults = (ctx.inputs.defaultPrivileges ?? []).map(parseDefaultPrivilegesKey);
  const defaults = (name: string, before: SchemaDef | undefined, after: SchemaDef | undefined, flags: { implied?: boolean; impliedInverse?: boolean } = {}): Change[] =>
    declaredDefaults
      .filter(({ schema }) => schema === name)
      .flatMap(({ schema, forRole, objects }) =>
        grantChanges(ctx, { type: 'default privileges', schema, forRole, objects }, before?.defaultPrivileges?.[forRole]?.[objects] ?? {}, after?.defaultPrivileges?.[forRole]?.[objects] ?? {}, flags),
      );
  for (const [name, s] of Object.entries(ctx.to.schemas)) {
    if (!managed.has(name)) continue;
    const old = own(ctx.from.schemas, name);
    if (!old) {
      out.push({ kind: 'CreateSchema', schema: s }, ...grants(name, undefined, s, { impliedInverse: true }), ...defaults(name, undefined, s, { impliedInverse: true }), ...commentChange({ type: 'schema', name }, undefined, s.comment, { impliedInverse: true }));
    } else out.push(...grants(name, old, s), ...defaults(name, old, s), ...commentChange({ type: 'schema', name }, old.comment, s.comment));
  }
  for (const [name, s] of Object.entries(ctx.from.schemas)) {
    if (!managed.has(name) || own(ctx.to.schemas, name) || name === 'public') continue;
    out.push(...commentChange({ type: 'schema', name }, s.comment, undefined, { implied: true }), ...grants(name, s, undefined, { implied: true }), ...defaults(name, s, undefined, { implied: true }), { kind: 'DropSchema', schema: s });
  }
  // Without IN SCHEMA: the entry replaces the built-in defaults, so every grantee is diffed.
  for (const { schema, forRole, objects } of declaredDefaults) {
    if (schema !== GLOBAL_DEFAULTS) continue;
    const before = ctx.from.defaultPrivileges?.[forRole]?.[objects] ?? builtinDefaults(forRole, objects);
    const after = ctx.to.defaultPrivileges?.[forRole]?.[objects] ?? builtinDefaults(forRole, objects);
    out.push(...grantChanges(ctx, { type: 'default privileges', schema, forRole, objects }, before, after, {}, true));
  }
  return out;
}

export function extensionChanges(ctx: DiffContext): Change[] {
  const out: Change[] = [];
  for (const [name, e] of Object.entries(ctx.to.extensions)) if (!own(ctx.from.extensions, name)) out.push({ kind: 'CreateExtension', extension: e });
  for (const [name, e] of Object.entries(ctx.from.extensions)) if (!own(ctx.to.extensions, name)) out.push({ kind: 'DropExtension', extension: e });
  return out;
}

/** How a column type refers to an enum: as the type itself, as an array of it, or not at all. */
export function enumUse(type: string, e: EnumType): 'scalar' | 'array' | undefined {
  const array = type.endsWith('[]');
  const base = array ? type.slice(0, -2) : type;
  const ref = parseQualifiedReference(base, 'public');
  if (!ref) return undefined;
  const name = ref.name.replace(/^"(.*)"$/, '$1');
  if (ref.schema === e.schema && name === e.name) return array ? 'array' : 'scalar';
  return undefined;
}

/** True when a function's arguments or result name the type (`schema.name` key), bare, qualified, quoted or as an array. */
export function signatureUsesType(fn: FunctionDef, typeKey: string): boolean {
  const dot = typeKey.indexOf('.');
  const name = typeKey.slice(dot + 1);
  const text = `${fn.identityArgs}\n${fn.args}\n${fn.returns ?? ''}`;
  const e = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ident = /^[a-z_][a-z0-9_$]*$/.test(name) ? `(?:${e}|"${e}")` : `"${name.replaceAll('"', '""').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`;
  return new RegExp(`(^|[^a-zA-Z0-9_$"])${ident}($|[^a-zA-Z0-9_$"])`).test(text);
}

/** Columns holding the enum both before and after (the ones a type swap must carry over). */
function enumColumns(ctx: DiffContext, e: EnumType, side: 'before' | 'after'): EnumColumnUse[] {
  const out: EnumColumnUse[] = [];
  const renamedFrom = new Map(Object.entries(ctx.inputs.tableRenames));
  for (const [key, table] of Object.entries(ctx.to.tables)) {
    const oldTable = ctx.from.tables[key] ?? ctx.from.tables[renamedFrom.get(key) ?? ''];
    if (!oldTable) continue;
    for (const col of table.columns) {
      const use = enumUse(col.type, e);
      if (!use) continue;
      const oldName = oldTable.columns.some((c) => c.name === col.name) ? col.name : ctx.inputs.columnRenames[`${key}.${col.name}`];
      const old = oldTable.columns.find((c) => c.name === oldName);
      if (!old || old.type !== col.type) continue;
      const def = side === 'after' ? col.default : old.default;
      out.push({ table: key, column: col.name, array: use === 'array', ...(def === undefined ? {} : { default: def }) });
    }
  }
  return out;
}

export function enumChanges(ctx: DiffContext): Change[] {
  const out: Change[] = [];
  for (const [key, e] of Object.entries(ctx.to.enums)) {
    const old = ctx.from.enums[key];
    if (!old) {
      out.push({ kind: 'CreateEnum', enum: e }, ...commentChange({ type: 'type', key }, undefined, e.comment, { impliedInverse: true }));
      continue;
    }
    out.push(...enumValueChanges(ctx, key, old, e));
    out.push(...commentChange({ type: 'type', key }, old.comment, e.comment));
  }
  for (const [key, e] of Object.entries(ctx.from.enums)) {
    if (ctx.to.enums[key]) continue;
    out.push(...commentChange({ type: 'type', key }, e.comment, undefined, { implied: true }), { kind: 'DropEnum', enum: e });
  }
  return out;
}

function enumValueChanges(ctx: DiffContext, key: string, a: EnumType, b: EnumType): Change[] {
  if (same(a.values, b.values)) return [];
  const remap = ctx.inputs.enumRemaps[key] ?? {};
  // Renames in place: old value gone, new value not there before.
  const renames: [string, string][] = Object.entries(remap).filter(
    ([o, n]) => a.values.includes(o) && !b.values.includes(o) && b.values.includes(n) && !a.values.includes(n),
  );
  const renamed = a.values.map((v) => renames.find(([o]) => o === v)?.[1] ?? v);
  // Is b the renamed list with values inserted (order kept)?
  let i = 0;
  for (const v of b.values) if (i < renamed.length && renamed[i] === v) i++;
  const onlyAdds = i === renamed.length;
  if (!onlyAdds) {
    return [{ kind: 'ReplaceEnum', from: a, to: b, remap, columns: enumColumns(ctx, a, 'after'), columnsBefore: enumColumns(ctx, a, 'before') }];
  }
  const columns = enumColumns(ctx, a, 'after');
  const columnsBefore = enumColumns(ctx, a, 'before');
  const out: Change[] = renames.map(([o, n]) => ({ kind: 'RenameEnumValue', enum: key, from: o, to: n }) as Change);
  let current = [...renamed];
  for (let j = 0; j < b.values.length; j++) {
    const v = b.values[j]!;
    if (current.includes(v)) continue;
    const next = b.values.slice(j + 1).find((x) => current.includes(x));
    const prev = [...b.values.slice(0, j)].reverse().find((x) => current.includes(x));
    const before = { ...a, values: current };
    const afterValues = [...current];
    if (next !== undefined) afterValues.splice(afterValues.indexOf(next), 0, v);
    else afterValues.push(v);
    out.push({
      kind: 'AddEnumValue',
      enum: before,
      value: v,
      ...(next !== undefined ? { before: next } : prev !== undefined ? { after: prev } : {}),
      result: { ...a, values: afterValues },
      columns,
      columnsBefore,
    });
    current = afterValues;
  }
  return out;
}

export function domainChanges(ctx: DiffContext): Change[] {
  const out: Change[] = [];
  const create = (key: string, d: Domain): Change[] => [
    { kind: 'CreateDomain', domain: d },
    ...commentChange({ type: 'domain', key }, undefined, d.comment, { impliedInverse: true }),
  ];
  for (const [key, d] of Object.entries(ctx.to.domains)) {
    const old = ctx.from.domains[key];
    if (!old) out.push(...create(key, d));
    else if (old.type !== d.type || old.collation !== d.collation) {
      out.push(...create(key, old).map(invertChange), ...create(key, d));
    } else {
      if (!same(omit(old, 'comment', 'owner'), omit(d, 'comment', 'owner'))) out.push({ kind: 'AlterDomain', from: old, to: d });
      out.push(...commentChange({ type: 'domain', key }, old.comment, d.comment));
    }
  }
  for (const [key, d] of Object.entries(ctx.from.domains)) if (!ctx.to.domains[key]) out.push(...create(key, d).map(invertChange));
  return out;
}

export function sequenceChanges(ctx: DiffContext): Change[] {
  const out: Change[] = [];
  const create = (key: string, s: Sequence): Change[] => [
    { kind: 'CreateSequence', sequence: s },
    ...(s.ownedBy ? [{ kind: 'SetSequenceOwner', sequence: key, to: s.ownedBy, impliedInverse: true } as Change] : []),
    ...grantChanges(ctx, { type: 'sequence', key }, {}, s.grants ?? {}, { impliedInverse: true }),
    ...commentChange({ type: 'sequence', key }, undefined, s.comment, { impliedInverse: true }),
  ];
  for (const [key, s] of Object.entries(ctx.to.sequences)) {
    const old = ctx.from.sequences[key];
    if (!old) {
      out.push(...create(key, s));
      continue;
    }
    if (!same(omit(old, 'comment', 'ownedBy', 'grants', 'owner'), omit(s, 'comment', 'ownedBy', 'grants', 'owner'))) out.push({ kind: 'AlterSequence', from: old, to: s });
    // Released before anything is dropped (dropping the owning table or column would drop the sequence),
    // owned anew once the new owner exists: a change of owner is the two.
    if (old.ownedBy !== s.ownedBy && old.ownedBy) out.push({ kind: 'SetSequenceOwner', sequence: key, from: old.ownedBy });
    if (old.ownedBy !== s.ownedBy && s.ownedBy) out.push({ kind: 'SetSequenceOwner', sequence: key, to: s.ownedBy });
    out.push(...grantChanges(ctx, { type: 'sequence', key }, old.grants ?? {}, s.grants ?? {}));
    out.push(...commentChange({ type: 'sequence', key }, old.comment, s.comment));
  }
  for (const [key, s] of Object.entries(ctx.from.sequences)) if (!ctx.to.sequences[key]) out.push(...create(key, s).map(invertChange));
  return out;
}

/** The catalog restricted to the managed schemas (external triggers and extensions stay: they are scoped already). */
export function managedOnly(catalog: Catalog, schemas: ReadonlySet<string>): Catalog {
  const pick = <T extends { schema: string }>(record: Readonly<Record<string, T>>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).filter(([, v]) => schemas.has(v.schema)));
  return {
    schemas: Object.fromEntries(Object.entries(catalog.schemas).filter(([k]) => schemas.has(k))),
    extensions: catalog.extensions,
    enums: pick(catalog.enums),
    domains: pick(catalog.domains),
    ...(catalog.composites ? { composites: pick(catalog.composites) } : {}),
    sequences: pick(catalog.sequences),
    tables: pick(catalog.tables),
    functions: pick(catalog.functions),
    views: pick(catalog.views),
    externalTriggers: catalog.externalTriggers,
    ...(catalog.externalPolicies ? { externalPolicies: catalog.externalPolicies } : {}),
    ...(catalog.buckets ? { buckets: catalog.buckets } : {}),
    ...(catalog.cronJobs ? { cronJobs: catalog.cronJobs } : {}),
    ...(catalog.publications ? { publications: catalog.publications } : {}),
    ...(catalog.defaultPrivileges ? { defaultPrivileges: catalog.defaultPrivileges } : {}),
  };
}

export { qualifiedName };
