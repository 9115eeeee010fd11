/**
 * The Spec as a draft Catalog: what the planner renders as CREATE DDL on a scratch database, where
 * PostgreSQL normalizes it (introspection yields the desired Catalog). Names are unquoted keys;
 * SQL text (types, defaults, constraint definitions) is quoted where it holds identifiers.
 * Constraint and index names are always explicit, built like PostgreSQL's defaults (see default-names).
 */
import { DEFAULT_OBJECT_KINDS, emptyCatalog, type Bucket, type Catalog, type CronJob, type DefaultObjects, type DefaultPrivileges, type Extension, type Grants, type Policy, type Privilege, type PrivilegeName, type SchemaDef, type Trigger } from '../catalog/types.js';
import { specPrivileges } from './grant-spec.js';
import { builtinDefaults, GLOBAL_DEFAULTS } from '../catalog/global-defaults.js';
import { qualifiedName } from '../catalog/names.js';
import { defaultPrivilegesKey } from '../catalog/compare.js';
import { ownerRoles } from './owner-roles.js';
import type { PlanInputs } from '../plan/types.js';
import { presetNamed, type PresetName } from '../presets/index.js';
import { enumValues, indexSpec, refKey, refParts } from './spec-index.js';
import { toComposite } from './to-catalog-composite.js';
import { effectiveFunctionGrants, toDomain, toFunction, toSequence, toView } from './to-catalog-objects.js';
import { toPublications } from './to-catalog-publications.js';
import { toPolicy, toTable, toTrigger } from './to-catalog-table.js';
import type { SchemaSpec, Spec } from './types.js';

export interface ToCatalogOptions {
  readonly preset?: PresetName;
}

export interface ToCatalogResult {
  readonly catalog: Catalog;
  readonly inputs: PlanInputs;
}

const sortedRecord = <T>(entries: readonly (readonly [string, T])[]): Record<string, T> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Managed schemas: the `schemas:` section, else `public`. */
export function managedSchemas(spec: Spec): string[] {
  return spec.schemas ? Object.keys(spec.schemas).sort() : ['public'];
}

export function toCatalog(spec: Spec, options: ToCatalogOptions = {}): ToCatalogResult {
  const index = indexSpec(spec);
  const preset = presetNamed(options.preset);
  const schemas = managedSchemas(spec);
  const schemaDefs: [string, SchemaDef][] = schemas.map((name) => {
    const comment = spec.schemas?.[name]?.comment;
    const owner = spec.schemas?.[name]?.owner;
    const grants = schemaGrants(spec.schemas?.[name]?.grants);
    const defaults = defaultPrivilegesOf(spec.schemas?.[name]?.default_privileges);
    return [name, { name, ...(Object.keys(grants).length > 0 ? { grants } : {}), ...(comment !== undefined ? { comment } : {}), ...(defaults ? { defaultPrivileges: defaults } : {}), ...(owner !== undefined ? { owner } : {}) }];
  });
  const extensionDefs: [string, Extension][] = Object.entries(spec.extensions ?? {}).map(([name, e]) => [
    name,
    { name, schema: e?.schema ?? (preset.name === 'supabase' ? 'extensions' : 'public') },
  ]);
  const each = <S, T>(record: Readonly<Record<string, S>> | undefined, build: (schema: string, name: string, value: S) => T): [string, T][] =>
    Object.entries(record ?? {}).map(([specKey, value]) => {
      const { schema, name } = refParts(specKey);
      return [qualifiedName(schema, name), build(schema, name, value)];
    });

  // An overloaded function's key carries its signature (`add(a integer, b integer)`); `args` defines it.
  const functions = Object.entries(spec.functions ?? {}).map(([specKey, value]) => {
    const { schema, name } = refParts(functionName(specKey));
    const fn = toFunction(schema, name, value, index);
    return [`${fn.schema}.${fn.name}(${fn.identityArgs})`, fn] as [string, typeof fn];
  });
  const externalTriggers: [string, Trigger & { table: string }][] = [];
  for (const [specKey, ext] of Object.entries(spec.external ?? {})) {
    const table = refKey(specKey) ?? specKey;
    for (const [name, t] of Object.entries(ext?.triggers ?? {})) externalTriggers.push([`${table}.${name}`, { ...toTrigger(name, t), table }]);
  }
  const externalPolicies: [string, Policy & { table: string }][] = [];
  for (const [specKey, ext] of Object.entries(spec.external ?? {})) {
    const table = refKey(specKey) ?? specKey;
    for (const [name, p] of Object.entries(ext?.policies ?? {})) externalPolicies.push([`${table}.${name}`, { ...toPolicy(name, p), table }]);
  }
  const buckets = Object.entries(spec.buckets ?? {}).map(([id, b]): [string, Bucket] => [
    id,
    {
      id,
      public: b?.public === true,
      ...(b?.file_size_limit !== undefined ? { fileSizeLimit: b.file_size_limit } : {}),
      ...(b?.allowed_mime_types !== undefined ? { allowedMimeTypes: [...b.allowed_mime_types] } : {}),
    },
  ]);
  const cronJobs = Object.entries(spec.cron_jobs ?? {}).map(([name, j]): [string, CronJob] => [
    name,
    { name, schedule: j.schedule, command: j.command, active: j.active !== false },
  ]);

  const publications = toPublications(spec);
  const composites = each(spec.types, (schema, name, t) => toComposite(schema, name, t, index));
  const globalDefaults = globalDefaultPrivilegesOf(spec.default_privileges);
  const catalog: Catalog = {
    ...emptyCatalog(),
    ...(composites.length > 0 ? { composites: sortedRecord(composites) } : {}),
    ...(globalDefaults ? { defaultPrivileges: globalDefaults } : {}),
    schemas: sortedRecord(schemaDefs),
    extensions: sortedRecord(extensionDefs),
    enums: sortedRecord(
      each(spec.enums, (schema, name, e) => {
        const { comment, owner } = Array.isArray(e) ? {} : (e as { comment?: string; owner?: string });
        return { schema, name, values: [...enumValues(e)], ...(comment !== undefined ? { comment } : {}), ...(owner !== undefined ? { owner } : {}) };
      }),
    ),
    domains: sortedRecord(each(spec.domains, (schema, name, d) => toDomain(schema, name, d, index))),
    sequences: sortedRecord(each(spec.sequences, (schema, name, s) => toSequence(schema, name, s))),
    tables: sortedRecord(each(spec.tables, (schema, name, t) => toTable(schema, name, t, index))),
    functions: sortedRecord(functions),
    views: sortedRecord(each(spec.views, (schema, name, v) => toView(schema, name, v))),
    externalTriggers: sortedRecord(externalTriggers),
    ...(externalPolicies.length > 0 ? { externalPolicies: sortedRecord(externalPolicies) } : {}),
    ...(buckets.length > 0 ? { buckets: sortedRecord(buckets) } : {}),
    ...(cronJobs.length > 0 ? { cronJobs: sortedRecord(cronJobs) } : {}),
    ...(publications && Object.keys(publications).length > 0 ? { publications } : {}),
  };
  const authHooks = Object.values(spec.functions ?? {}).flatMap((value, i) => (value.hook !== undefined ? [`${functions[i]![1].schema}.${functions[i]![1].name}`] : [])).sort();
  const owners = ownerRoles(spec);
  const inputs = { ...planInputs(spec, schemas, index), ...(owners.length > 0 ? { ownerRoles: owners } : {}) };
  return { catalog, inputs: authHooks.length > 0 ? { ...inputs, authHooks } : inputs };
}

function planInputs(spec: Spec, schemas: readonly string[], index: ReturnType<typeof indexSpec>): PlanInputs {
  const roles = new Set<string>();
  const tableRenames: [string, string][] = [];
  const columnRenames: [string, string][] = [];
  const backfills: [string, string][] = [];
  const timeZones: [string, string][] = [];
  const shapedColumns: string[] = [];
  const external = new Set<string>(index.external.keys());
  for (const [specKey, t] of Object.entries(spec.tables ?? {})) {
    const { schema, name } = refParts(specKey);
    const key = qualifiedName(schema, name);
    for (const role of Object.keys(t.grants ?? {})) roles.add(role);
    if (t.renamed_from !== undefined) {
      const old = t.renamed_from.includes('.') ? refKey(t.renamed_from) ?? t.renamed_from : qualifiedName(schema, t.renamed_from);
      tableRenames.push([key, old]);
    }
    for (const [column, c] of Object.entries(t.columns ?? {})) {
      if (c.renamed_from !== undefined) columnRenames.push([`${key}.${column}`, c.renamed_from]);
      if (c.backfill !== undefined) backfills.push([`${key}.${column}`, c.backfill]);
      if (c.time_zone !== undefined) timeZones.push([`${key}.${column}`, c.time_zone]);
      if (c.shape !== undefined) shapedColumns.push(`${key}.${column}`);
      if (c.references) addExternal(c.references.table, index, external);
    }
    for (const fk of Object.values(t.foreign_keys ?? {})) addExternal(fk.references.table, index, external);
  }
  for (const v of Object.values(spec.views ?? {})) for (const role of Object.keys(v.grants ?? {})) roles.add(role);
  for (const f of Object.values(spec.functions ?? {})) for (const role of Object.keys(effectiveFunctionGrants(f) ?? {})) roles.add(role);
  const withoutImpliedUsage: string[] = [];
  for (const [specKey, s] of Object.entries(spec.sequences ?? {})) {
    for (const role of Object.keys(s?.grants ?? {})) roles.add(role);
    if (s?.implied_usage === false) withoutImpliedUsage.push(refKey(specKey) ?? specKey);
  }
  for (const p of Object.values(spec.publications ?? {})) if (p?.owner !== undefined) roles.add(p.owner);
  const schemaGrantsDeclared: string[] = [];
  const defaultsDeclared: string[] = [];
  const defaultRoles = new Set<string>();
  const withDefaults: [string, SchemaSpec['default_privileges']][] = [
    ...Object.entries(spec.schemas ?? {}).map(([name, s]): [string, SchemaSpec['default_privileges']] => [name, s?.default_privileges]),
    [GLOBAL_DEFAULTS, spec.default_privileges],
  ];
  for (const [name, declaredDefaults] of withDefaults) {
    for (const [forRole, kinds] of Object.entries(declaredDefaults ?? {})) {
      defaultRoles.add(forRole);
      for (const objects of DEFAULT_OBJECT_KINDS) {
        const declared = kinds?.[objects];
        if (!declared) continue;
        defaultsDeclared.push(defaultPrivilegesKey(name, forRole, objects));
        for (const role of Object.keys(declared)) roles.add(role);
      }
    }
  }
  for (const [name, s] of Object.entries(spec.schemas ?? {})) {
    if (s?.grants === undefined) continue;
    schemaGrantsDeclared.push(name);
    for (const role of Object.keys(s.grants)) roles.add(role);
  }
  const enumRemaps: [string, Readonly<Record<string, string>>][] = [];
  for (const [specKey, e] of Object.entries(spec.enums ?? {})) {
    if (!Array.isArray(e) && (e as { remap?: Record<string, string> }).remap) enumRemaps.push([refKey(specKey) ?? specKey, { ...(e as { remap: Record<string, string> }).remap }]);
  }
  return {
    managedSchemas: [...schemas].sort(),
    managedRoles: [...roles].sort(),
    ...(schemaGrantsDeclared.length > 0 ? { schemaGrants: schemaGrantsDeclared.sort() } : {}),
    ...(defaultsDeclared.length > 0 ? { defaultPrivileges: defaultsDeclared.sort(), defaultPrivilegeRoles: [...defaultRoles].sort() } : {}),
    extensions: Object.keys(spec.extensions ?? {}).sort(),
    tableRenames: sortedRecord(tableRenames),
    columnRenames: sortedRecord(columnRenames),
    enumRemaps: sortedRecord(enumRemaps),
    backfills: sortedRecord(backfills),
    ...(timeZones.length > 0 ? { timeZones: sortedRecord(timeZones) } : {}),
    ...(shapedColumns.length > 0 ? { shapedColumns: shapedColumns.sort() } : {}),
    ...(withoutImpliedUsage.length > 0 ? { withoutImpliedUsage: withoutImpliedUsage.sort() } : {}),
    externalTables: [...external].sort(),
    ...platformScope(spec),
  };
}

/** `all` is USAGE and CREATE; `role: []` names the role and grants it nothing. */
function schemaGrants(grants: Readonly<Record<string, readonly string[]>> | undefined): Grants {
  const out: Record<string, Privilege[]> = {};
  for (const role of Object.keys(grants ?? {}).sort()) {
    const privileges = specPrivileges(grants![role]!, ['usage', 'create']);
    if (privileges.length > 0) out[role] = privileges;
  }
  return out;
}

/** What `all` means per kind of object, in the order the catalog lists privileges. */
const DEFAULT_ALL: Readonly<Record<DefaultObjects, readonly PrivilegeName[]>> = {
  tables: ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger'],
  sequences: ['select', 'update', 'usage'],
  functions: ['execute'],
  types: ['usage'],
};

/** A schema's declared default privileges as the catalog holds them (`all` expanded, empty grants left out). */
function defaultPrivilegesOf(spec: SchemaSpec['default_privileges']): DefaultPrivileges | undefined {
  if (!spec) return undefined;
  const out: Record<string, Partial<Record<DefaultObjects, Grants>>> = {};
  for (const forRole of Object.keys(spec).sort()) {
    for (const objects of DEFAULT_OBJECT_KINDS) {
      const declared = spec[forRole]?.[objects];
      if (!declared) continue;
      const grants: Record<string, Privilege[]> = {};
      for (const role of Object.keys(declared).sort()) {
        const privileges = specPrivileges(declared[role]!, DEFAULT_ALL[objects]);
        if (privileges.length > 0) grants[role] = privileges;
      }
      (out[forRole] ??= {})[objects] = grants;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The top-level default privileges as the catalog holds them: the built-in defaults, with the named grantees' replaced. */
function globalDefaultPrivilegesOf(spec: Spec['default_privileges']): DefaultPrivileges | undefined {
  const declared = defaultPrivilegesOf(spec);
  if (!declared) return undefined;
  const out: Record<string, Partial<Record<DefaultObjects, Grants>>> = {};
  for (const forRole of Object.keys(declared)) {
    for (const objects of DEFAULT_OBJECT_KINDS) {
      const grants = declared[forRole]?.[objects];
      if (!grants) continue;
      const named = new Set(Object.keys(spec![forRole]![objects]!));
      const merged: Record<string, readonly Privilege[]> = { ...grants };
      for (const [role, privileges] of Object.entries(builtinDefaults(forRole, objects))) if (!named.has(role)) merged[role] = privileges;
      (out[forRole] ??= {})[objects] = Object.fromEntries(Object.keys(merged).sort().map((role) => [role, merged[role]!]));
    }
  }
  return out;
}

/** The platform items the spec manages: each once its key is present (see Scope). */
function platformScope(spec: Spec): { platform?: string[] } {
  const items: string[] = [];
  if (spec.buckets !== undefined) items.push('buckets');
  if (spec.cron_jobs !== undefined) items.push('cron_jobs');
  if (spec.publications !== undefined) items.push('publications');
  for (const [specKey, ext] of Object.entries(spec.external ?? {})) {
    if (ext?.policies !== undefined) items.push(`policies:${refKey(specKey) ?? specKey}`);
  }
  return items.length > 0 ? { platform: [...new Set(items)].sort() } : {};
}

function addExternal(table: string, index: ReturnType<typeof indexSpec>, external: Set<string>): void {
  const key = refKey(table);
  if (key !== undefined && !index.tables.has(key)) external.add(key);
}

/** A function key without a trailing signature, when what precedes it is a plain reference. */
function functionName(specKey: string): string {
  const open = specKey.indexOf('(');
  if (open <= 0 || !specKey.trimEnd().endsWith(')')) return specKey;
  const bare = specKey.slice(0, open).trim();
  return refKey(bare) ? bare : specKey;
}
