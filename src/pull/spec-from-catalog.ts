/**
 * Pure: a Catalog as Spec fragments, one per file: `schemas.yaml`, `extensions.yaml`, `enums.yaml`,
 * `domains.yaml`, `sequences.yaml`, `functions.yaml`, `views.yaml`, `external.yaml` and
 * `tables/<schema>.<table>.yaml`. Only what the managed schemas hold; tables they reference
 * elsewhere (e.g. `auth.users`) are declared `external`, with the triggers the scope owns on them.
 */
import { publicationSpecs } from './publication-spec.js';
import { explicitSequenceGrants, impliedSequenceGrants } from '../catalog/sequence-usage.js';
import { DEFAULT_OBJECT_KINDS, type Catalog, type CompositeType, type DefaultPrivileges, type Grants, type Domain, type EnumType, type FunctionDef, type Privilege, type PrivilegeName, type Sequence, type View } from '../catalog/types.js';
import { holds } from '../catalog/privileges.js';
import { builtinDefaults } from '../catalog/global-defaults.js';
import { quoteIdent, splitOption, splitQualified } from '../catalog/names.js';
import type {
  CompositeTypeSpec,
  DomainSpec,
  EnumSpec,
  ExternalTableSpec,
  FunctionSpec,
  SchemaSpec,
  SequenceSpec,
  Spec,
  TableSpec,
  TriggerSpec,
  PolicySpec,
  BucketSpec,
  CronJobSpec,
  ViewSpec,
} from '../spec/types.js';
import { readableDefault, shortType, specRef, specRefOfKey, stripOuterParens } from './sql-text.js';
import { grantsSpec, indexSpec, policySpec, tableSpec, triggerSpec, type PrimaryKeyLookup } from './table-spec.js';
import { nameRecord } from '../util/object-keys.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface PulledFragment {
  /** Relative file path, `/`-separated. */
  readonly file: string;
  readonly spec: Spec;
}

const byKey = <T>(record: Readonly<Record<string, T>>, keep: (value: T) => boolean): [string, T][] =>
  Object.keys(record)
    .sort()
    .map((key) => [key, record[key]!] as [string, T])
    .filter(([, value]) => keep(value));

function enumSpec(e: EnumType): readonly string[] | EnumSpec {
  if (e.comment === undefined && e.owner === undefined) return [...e.values];
  return { values: [...e.values], ...(e.comment !== undefined ? { comment: e.comment } : {}), ...(e.owner !== undefined ? { owner: e.owner } : {}) };
}

function compositeSpec(t: CompositeType): CompositeTypeSpec {
  // A collation other than the type's default has no spelling here yet: it shows in the type text.
  const attributes = Object.fromEntries(t.attributes.map((a) => [a.name, a.collation ? `${shortType(a.type)} COLLATE ${a.collation}` : shortType(a.type)]));
  return t.comment === undefined ? { attributes } : { attributes, comment: t.comment };
}

function domainSpec(d: Domain): DomainSpec {
  const out: Mutable<DomainSpec> = { type: shortType(d.type) };
  if (d.notNull) out.not_null = true;
  if (d.default !== undefined) out.default = readableDefault(d.default, d.type);
  if (d.collation !== undefined) out.collation = d.collation;
  const checks = Object.keys(d.checks).sort();
  if (checks.length > 0) {
    out.checks = Object.fromEntries(checks.map((name) => [name, stripOuterParens(d.checks[name]!.replace(/^CHECK /, ''))]));
  }
  if (d.comment !== undefined) out.comment = d.comment;
  if (d.owner !== undefined) out.owner = d.owner;
  return out;
}

const TYPE_LIMITS: Record<string, { min: string; max: string }> = {
  smallint: { min: '-32768', max: '32767' },
  integer: { min: '-2147483648', max: '2147483647' },
  bigint: { min: '-9223372036854775808', max: '9223372036854775807' },
};

function sequenceNumber(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

function sequenceSpec(s: Sequence, implied: Grants | undefined): SequenceSpec {
  const out: Mutable<SequenceSpec> = {};
  if (s.type !== 'bigint') out.type = s.type;
  const ascending = !s.increment.startsWith('-');
  const limits = TYPE_LIMITS[s.type] ?? TYPE_LIMITS['bigint']!;
  const defaultMin = ascending ? '1' : limits.min;
  const defaultMax = ascending ? limits.max : '-1';
  const defaultStart = ascending ? s.min : s.max;
  if (s.start !== defaultStart) out.start = sequenceNumber(s.start) as number;
  if (s.increment !== '1') out.increment = sequenceNumber(s.increment) as number;
  if (s.min !== defaultMin) out.min = sequenceNumber(s.min) as number;
  if (s.max !== defaultMax) out.max = sequenceNumber(s.max) as number;
  if (s.cache !== '1') out.cache = sequenceNumber(s.cache) as number;
  if (s.cycle) out.cycle = true;
  if (s.ownedBy !== undefined) {
    const dot = s.ownedBy.lastIndexOf('.');
    out.owned_by = `${specRefOfKey(s.ownedBy.slice(0, dot))}.${s.ownedBy.slice(dot + 1)}`;
  }
  // What the tables' grants imply is left out: the spec gets it by construction. A sequence that
  // lacks some of it says so, and lists its grants in full.
  const lacking = Object.keys(implied ?? {}).some((role) => !holds(s.grants?.[role], 'usage'));
  const grants = grantsSpec(lacking ? (s.grants ?? {}) : explicitSequenceGrants(s, implied), ['select', 'update', 'usage']);
  if (grants) out.grants = grants as SequenceSpec['grants'];
  if (lacking) out.implied_usage = false;
  if (s.comment !== undefined) out.comment = s.comment;
  // A sequence owned by a column follows its table's owner.
  if (s.owner !== undefined && s.ownedBy === undefined) out.owner = s.owner;
  return out;
}

/**
 * A function's grants. PUBLIC's default EXECUTE is left out, unless some function in scope had it
 * revoked (`publicManaged`): then PUBLIC is written on every function, `[]` where revoked.
 */
function functionGrants(fn: FunctionDef, publicManaged: boolean): FunctionSpec['grants'] | undefined {
  const grants: Record<string, readonly Privilege[]> = { ...fn.grants };
  if (publicManaged) grants['public'] ??= [];
  else delete grants['public'];
  return grantsSpec(grants, []) as FunctionSpec['grants'];
}

const hasPublicExecute = (fn: FunctionDef): boolean => holds(fn.grants['public'], 'execute');

/**
 * A function's settings (`proconfig`) in the order its definition sets them: PostgreSQL keeps that
 * order, so the spec does too (search_path leads only where it came first).
 */
export function functionSettings(fn: FunctionDef): [string, string][] {
  const values = new Map<string, string>();
  for (const entry of fn.config) {
    const { name, value } = splitOption(entry);
    if (name !== '' && value !== undefined) values.set(name, value);
  }
  const order: string[] = [];
  for (const match of fn.definition.matchAll(/^ SET ("(?:[^"]|"")+"|[^\s"]+) TO /gm)) {
    const name = match[1]!.startsWith('"') ? match[1]!.slice(1, -1).replaceAll('""', '"') : match[1]!;
    if (values.has(name) && !order.includes(name)) order.push(name);
  }
  for (const name of values.keys()) if (!order.includes(name)) order.push(name);
  return order.map((name) => [name, values.get(name)!]);
}

function functionSpec(fn: FunctionDef, publicManaged: boolean): FunctionSpec {
  const out: Mutable<FunctionSpec> = { args: fn.args === '' ? [] : fn.args } as Mutable<FunctionSpec>;
  if (fn.kind === 'procedure') out.procedure = true;
  if (fn.returns !== undefined) out.returns = fn.returns;
  out.language = fn.language;
  if (fn.volatility !== 'volatile') out.volatility = fn.volatility;
  if (fn.security !== 'invoker') out.security = fn.security;
  if (fn.strict) out.strict = true;
  Object.assign(out, functionAttributes(fn.definition));
  const settings = functionSettings(fn);
  if (settings.length > 0 && settings[0]![0] === 'search_path') out.search_path = settings.shift()![1];
  if (settings.length > 0) out.set = Object.fromEntries(settings);
  const grants = functionGrants(fn, publicManaged);
  if (grants) out.grants = grants;
  if (fn.comment !== undefined) out.comment = fn.comment;
  if (fn.owner !== undefined) out.owner = fn.owner;
  out.body = fn.body;
  return out;
}

/**
 * LEAKPROOF, PARALLEL, COST and ROWS as `pg_get_functiondef` prints them (only when they differ from
 * the default), read from its header: the lines before the body.
 */
export function functionAttributes(definition: string): Pick<FunctionSpec, 'leakproof' | 'parallel' | 'cost' | 'rows'> {
  const header: string[] = [];
  for (const line of definition.split('\n').slice(1)) {
    if (!line.startsWith(' ')) break;
    // A setting's value or the result type could hold the same words.
    if (!line.startsWith(' SET ') && !line.startsWith(' RETURNS ')) header.push(line);
  }
  const text = ` ${header.join(' ')} `;
  const out: Mutable<Pick<FunctionSpec, 'leakproof' | 'parallel' | 'cost' | 'rows'>> = {};
  if (/ LEAKPROOF /.test(text)) out.leakproof = true;
  const parallel = / PARALLEL (SAFE|RESTRICTED|UNSAFE) /.exec(text)?.[1];
  if (parallel && parallel !== 'UNSAFE') out.parallel = parallel.toLowerCase() as 'safe' | 'restricted';
  const cost = / COST ([0-9.e+]+) /.exec(text)?.[1];
  if (cost !== undefined) out.cost = Number(cost);
  const rows = / ROWS ([0-9.e+]+) /.exec(text)?.[1];
  if (rows !== undefined) out.rows = Number(rows);
  return out;
}

const TRUE_WORDS = new Set(['true', 'on', 'yes', '1']);

/** `security_barrier=true` -> { security_barrier: true }; `check_option=local` -> { check_option: 'local' }. */
function viewOptions(options: readonly string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const option of options) {
    const { name, value = 'true' } = splitOption(option);
    out[name] = name === 'check_option' ? value.toLowerCase() : TRUE_WORDS.has(value.toLowerCase());
  }
  return out;
}

function viewSpec(v: View): ViewSpec {
  const out: Mutable<ViewSpec> = {} as Mutable<ViewSpec>;
  if (v.comment !== undefined) out.comment = v.comment;
  if (v.materialized) out.materialized = true;
  const options = viewOptions(v.options);
  if (options['security_invoker']) out.security_invoker = true;
  if (options['security_barrier']) out.security_barrier = true;
  const checkOption = options['check_option'];
  if (checkOption === 'local' || checkOption === 'cascaded') out.check_option = checkOption;
  const grants = grantsSpec(v.grants);
  if (grants) out.grants = grants;
  const indexes = Object.keys(v.indexes)
    .sort()
    .map((name) => indexSpec(v.name, v.columns, v.indexes[name]!, true));
  if (indexes.length > 0) out.indexes = indexes;
  if (v.columnComments && Object.keys(v.columnComments).length > 0) out.column_comments = { ...v.columnComments };
  if (v.owner !== undefined) out.owner = v.owner;
  out.query = v.definition.trim().replace(/;$/, '');
  return out;
}

/** File name of a table: `tables/<schema>.<table>.yaml`, characters unsafe in file names replaced, unique ignoring case. */
function tableFileNames(keys: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const key of keys) {
    // Most names are plain ASCII words: no replacing to do.
    const base = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(key) ? key : key.replace(/[^\p{L}\p{N}_.-]+/gu, '_').replace(/^\.+/, '_');
    let name = `tables/${base}.yaml`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `tables/${base}_${n}.yaml`;
    used.add(name.toLowerCase());
    out.set(key, name);
  }
  return out;
}

/** Spec key of a function: its reference, with the argument types when the name is overloaded. */
function functionKeys(functions: readonly [string, FunctionDef][]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const [, fn] of functions) {
    const ref = specRef(fn.schema, fn.name);
    counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return new Map(
    functions.map(([key, fn]) => {
      const ref = specRef(fn.schema, fn.name);
      return [key, counts.get(ref)! > 1 ? `${ref}(${fn.identityArgs})` : ref];
    }),
  );
}

export interface PullOptions {
  /** Managed schemas; default: every schema in the catalog. */
  readonly schemas?: readonly string[];
  /** Schemas the Data API exposes (the config's `exposed_schemas`), for the checklist waivers; default `public`. */
  readonly exposedSchemas?: readonly string[];
}

/**
 * A schema's grants as the spec writes them; `public` as initdb leaves it (PUBLIC may use it, and
 * create in it before PostgreSQL 15) is left undeclared, so its privileges stay unmanaged.
 */
function schemaGrantsSpec(name: string, grants: Grants | undefined): SchemaSpec['grants'] | undefined {
  const roles = Object.keys(grants ?? {});
  if (roles.length === 0) return undefined;
  if (name === 'public' && roles.length === 1 && roles[0] === 'public') return undefined;
  return grantsSpec(grants!, ['usage', 'create']) as SchemaSpec['grants'];
}

/** A schema's default privileges as the spec writes them: per FOR ROLE and kind, grantee -> privileges. */
function defaultPrivilegesSpec(defaults: DefaultPrivileges | undefined): SchemaSpec['default_privileges'] | undefined {
  if (!defaults) return undefined;
  const out: Record<string, Record<string, Record<string, string[]>>> = {};
  for (const forRole of Object.keys(defaults).sort()) {
    for (const objects of DEFAULT_OBJECT_KINDS) {
      const grants = defaults[forRole]?.[objects];
      if (!grants || Object.keys(grants).length === 0) continue;
      (out[forRole] ??= {})[objects] = Object.fromEntries(Object.keys(grants).sort().map((role) => [role, [...grants[role]!]]));
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The default privileges without IN SCHEMA as the spec writes them: per FOR ROLE and kind, the
 * grantees whose privileges differ from the built-in defaults (`public: []` where PUBLIC's are revoked).
 */
function globalDefaultPrivilegesSpec(defaults: DefaultPrivileges | undefined): Spec['default_privileges'] | undefined {
  if (!defaults) return undefined;
  const out: Record<string, Record<string, Record<string, string[]>>> = {};
  for (const forRole of Object.keys(defaults).sort()) {
    for (const objects of DEFAULT_OBJECT_KINDS) {
      const grants = defaults[forRole]?.[objects];
      if (!grants) continue;
      const builtin = builtinDefaults(forRole, objects);
      const roles = [...new Set([...Object.keys(grants), ...Object.keys(builtin)])].sort();
      const differ = roles.filter((role) => JSON.stringify(grants[role] ?? []) !== JSON.stringify(builtin[role] ?? []));
      if (differ.length === 0) continue;
      (out[forRole] ??= {})[objects] = Object.fromEntries(differ.map((role) => [role, [...(grants[role] ?? [])]]));
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function specFragments(catalog: Catalog, options: PullOptions = {}): PulledFragment[] {
  return [...eachFragment(catalog, options)];
}

/** The fragments one at a time, so a caller can write each out before the next is built. */
export function* eachFragment(catalog: Catalog, options: PullOptions = {}): Generator<PulledFragment> {
  const managed = new Set(options.schemas ?? Object.keys(catalog.schemas));
  const inScope = (o: { schema: string }): boolean => managed.has(o.schema);

  const schemas: Record<string, SchemaSpec | null> = {};
  for (const name of [...managed].sort()) {
    const comment = catalog.schemas[name]?.comment;
    const grants = schemaGrantsSpec(name, catalog.schemas[name]?.grants);
    const defaults = defaultPrivilegesSpec(catalog.schemas[name]?.defaultPrivileges);
    const owner = catalog.schemas[name]?.owner;
    schemas[name] =
      comment === undefined && grants === undefined && defaults === undefined && owner === undefined
        ? null
        : { ...(grants ? { grants } : {}), ...(comment !== undefined ? { comment } : {}), ...(defaults ? { default_privileges: defaults } : {}), ...(owner !== undefined ? { owner } : {}) };
  }
  const globalDefaults = globalDefaultPrivilegesSpec(catalog.defaultPrivileges);
  yield { file: 'schemas.yaml', spec: { schemas, ...(globalDefaults ? { default_privileges: globalDefaults } : {}) } };

  // The schema is always written: the default depends on the preset (`extensions` on Supabase).
  const extensions = byKey(catalog.extensions, () => true);
  if (extensions.length > 0) {
    yield {
      file: 'extensions.yaml',
      spec: { extensions: Object.fromEntries(extensions.map(([name, e]) => [name, { schema: e.schema }])) },
    };
  }

  const enums = byKey(catalog.enums, inScope);
  if (enums.length > 0) {
    yield { file: 'enums.yaml', spec: { enums: Object.fromEntries(enums.map(([, e]) => [specRef(e.schema, e.name), enumSpec(e)])) } };
  }
  const domains = byKey(catalog.domains, inScope);
  if (domains.length > 0) {
    yield { file: 'domains.yaml', spec: { domains: Object.fromEntries(domains.map(([, d]) => [specRef(d.schema, d.name), domainSpec(d)])) } };
  }
  const composites = byKey(catalog.composites ?? {}, inScope);
  if (composites.length > 0) {
    yield { file: 'types.yaml', spec: { types: Object.fromEntries(composites.map(([, t]) => [specRef(t.schema, t.name), compositeSpec(t)])) } };
  }
  const sequences = byKey(catalog.sequences, inScope);
  if (sequences.length > 0) {
    const implied = impliedSequenceGrants(catalog);
    yield {
      file: 'sequences.yaml',
      spec: { sequences: Object.fromEntries(sequences.map(([key, s]) => [specRef(s.schema, s.name), sequenceSpec(s, implied.get(key))])) },
    };
  }
  const functions = byKey(catalog.functions, inScope);
  if (functions.length > 0) {
    const keys = functionKeys(functions);
    const publicManaged = functions.some(([, fn]) => !hasPublicExecute(fn));
    yield {
      file: 'functions.yaml',
      spec: { functions: Object.fromEntries(functions.map(([key, fn]) => [keys.get(key)!, functionSpec(fn, publicManaged)])) },
    };
  }
  const views = byKey(catalog.views, inScope);
  if (views.length > 0) {
    yield { file: 'views.yaml', spec: { views: Object.fromEntries(views.map(([, v]) => [specRef(v.schema, v.name), viewSpec(v)])) } };
  }

  const primaryKeyOf: PrimaryKeyLookup = (key) =>
    Object.values(catalog.tables[key]?.constraints ?? {}).find((c) => c.kind === 'primary_key')?.columns;
  const enumTypes = new Set(Object.values(catalog.enums).map((e) => `${quoteIdent(e.schema)}.${quoteIdent(e.name)}`));
  const isEnum = (type: string): boolean => enumTypes.has(type);
  const tables = byKey(catalog.tables, inScope);
  const files = tableFileNames(tables.map(([key]) => key));
  const external = new Map<string, { columns: Set<string>; triggers: Record<string, TriggerSpec>; policies?: Record<string, PolicySpec> }>();
  const externalOf = (key: string): { columns: Set<string>; triggers: Record<string, TriggerSpec>; policies?: Record<string, PolicySpec> } => {
    let entry = external.get(key);
    if (!entry) external.set(key, (entry = { columns: new Set(), triggers: nameRecord() }));
    return entry;
  };
  for (const [key, table] of tables) {
    const spec: TableSpec = tableSpec(table, primaryKeyOf, isEnum);
    const one = nameRecord<TableSpec>();
    one[specRef(table.schema, table.name)] = spec;
    yield { file: files.get(key)!, spec: { tables: one } };
    for (const c of Object.values(table.constraints)) {
      if (c.foreignKey && !managed.has(splitQualified(c.foreignKey.table).schema)) {
        const entry = externalOf(c.foreignKey.table);
        for (const column of c.foreignKey.columns) entry.columns.add(column);
      }
    }
  }
  for (const key of Object.keys(catalog.externalTriggers).sort()) {
    const trigger = catalog.externalTriggers[key]!;
    if (managed.has(splitQualified(trigger.table).schema)) continue;
    if (!managed.has(splitQualified(trigger.function).schema)) continue;
    externalOf(trigger.table).triggers[trigger.name] = triggerSpec(trigger);
  }
  // Policies on the platform's tables (storage.objects, ...): the spec owns them.
  for (const key of Object.keys(catalog.externalPolicies ?? {}).sort()) {
    const policy = catalog.externalPolicies![key]!;
    const entry = externalOf(policy.table);
    entry.policies ??= nameRecord();
    const { table: _table, ...rest } = policy;
    entry.policies[policy.name] = policySpec(rest);
  }
  if (external.size > 0) {
    const out: Record<string, ExternalTableSpec | null> = {};
    for (const key of [...external.keys()].sort()) {
      const entry = external.get(key)!;
      const spec: Mutable<ExternalTableSpec> = {};
      if (entry.columns.size > 0) spec.columns = [...entry.columns].sort();
      if (Object.keys(entry.triggers).length > 0) spec.triggers = entry.triggers;
      if (entry.policies) spec.policies = entry.policies;
      out[specRefOfKey(key)] = Object.keys(spec).length > 0 ? spec : null;
    }
    yield { file: 'external.yaml', spec: { external: out } };
  }
  if (catalog.buckets) {
    const buckets: Record<string, BucketSpec | null> = nameRecord();
    for (const b of Object.values(catalog.buckets)) {
      const spec: Mutable<BucketSpec> = {};
      if (b.public) spec.public = true;
      if (b.fileSizeLimit !== undefined) spec.file_size_limit = b.fileSizeLimit;
      if (b.allowedMimeTypes !== undefined) spec.allowed_mime_types = [...b.allowedMimeTypes];
      buckets[b.id] = Object.keys(spec).length > 0 ? spec : null;
    }
    yield { file: 'storage.yaml', spec: { buckets } };
  }
  if (catalog.cronJobs) {
    const jobs: Record<string, CronJobSpec> = nameRecord();
    for (const j of Object.values(catalog.cronJobs)) jobs[j.name] = { schedule: j.schedule, command: j.command, ...(j.active ? {} : { active: false }) };
    yield { file: 'cron.yaml', spec: { cron_jobs: jobs } };
  }
  if (catalog.publications) yield { file: 'publications.yaml', spec: { publications: publicationSpecs(catalog.publications) } };
}
