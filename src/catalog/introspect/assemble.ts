/** Pure: the rows of the catalog queries become one Catalog, kind by kind as each query answers. */
import type {
  CompositeAttribute,
  CompositeType,
  Bucket,
  Catalog,
  CronJob,
  Column,
  Constraint,
  DefaultObjects,
  DefaultPrivileges,
  Domain,
  EnumType,
  Extension,
  FunctionDef,
  ConstraintKind,
  Grants,
  Index,
  Policy,
  PolicyCommand,
  PrivilegeName,
  Publication,
  Privilege,
  PublicationMembership,
  ReplicaIdentity,
  ReferentialAction,
  SchemaDef,
  Sequence,
  Table,
  Trigger,
  TriggerEvent,
  View,
} from '../types.js';
import { sparseIdentityOptions } from '../identity-options.js';
import { qualifiedName } from '../names.js';
import { nameRecord } from '../../util/object-keys.js';
import { aclPairs } from './acl.js';
import { publicationOf, sortedKeys } from './publications.js';
import { isPlatformPublication } from '../scope.js';
import { inOrder } from '../privileges.js';
import { indexColumns } from './index-keys.js';
import { reparsable } from './reparsable.js';
import type { QueryName } from './queries.js';

type R = Record<string, unknown>;

/*
 * Every object is built with its keys in sorted order, and every keyed record is filled in sorted
 * key order: the Catalog comes out in its canonical form (normalizeCatalog would not change its
 * JSON) without a sorted copy. test/catalog checks this on the corpus.
 */
type Mutable = Record<string, unknown>;

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const opt = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));
/** A deparsed expression, made to read back as itself (reparsable.ts). */
const expr = (value: unknown): string | undefined => {
  const text = opt(value);
  return text === undefined ? undefined : reparsable(text);
};
const strs = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Sets `key` only when there is a value, so absent keys stay absent. */
function setOptional(out: Mutable, key: string, value: string | undefined): void {
  if (value !== undefined) out[key] = value;
}

const PRIVILEGE_ORDER: readonly PrivilegeName[] = [
  'select',
  'insert',
  'update',
  'delete',
  'truncate',
  'references',
  'trigger',
  'execute',
  'usage',
  'create',
];

/**
 * The grants of an ACL, shared by every object with the same ACL and owner (tables of one schema
 * usually have the same): each distinct ACL is read once. Catalog objects are never mutated.
 */
function grantsOf(row: R, seen: Map<string, Grants>): Grants {
  const acl = row['acl'];
  const owner = str(row['owner']);
  const key = Array.isArray(acl) ? `${owner}\n${acl.join('\n')}` : owner;
  let grants = seen.get(key);
  if (grants === undefined) seen.set(key, (grants = readGrants(acl, owner)));
  return grants;
}

function readGrants(acl: unknown, owner: string): Grants {
  const byRole = new Map<string, Set<string>>();
  for (const [role, privilege] of aclPairs(acl, owner)) {
    const set = byRole.get(role) ?? new Set<string>();
    set.add(privilege.toLowerCase());
    byRole.set(role, set);
  }
  const out: Record<string, Privilege[]> = {};
  for (const role of [...byRole.keys()].sort()) out[role] = inOrder(byRole.get(role)!, PRIVILEGE_ORDER);
  return out;
}

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};
const MATCH: Record<string, 'simple' | 'full' | 'partial'> = { s: 'simple', f: 'full', p: 'partial' };
const CONSTRAINT_KINDS: Record<string, ConstraintKind> = {
  p: 'primary_key',
  u: 'unique',
  c: 'check',
  f: 'foreign_key',
  x: 'exclusion',
};
const POLICY_COMMANDS: Record<string, PolicyCommand> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' };

function constraintOf(row: R): Constraint {
  const kind = CONSTRAINT_KINDS[str(row['type'])]!;
  const out: Mutable = {};
  setOptional(out, 'check', expr(row['check_expr']));
  out['columns'] = strs(row['columns']);
  setOptional(out, 'comment', opt(row['comment']));
  out['deferrable'] = row['deferrable'] === true;
  out['definition'] = reparsable(str(row['definition']));
  if (kind === 'foreign_key') {
    out['foreignKey'] = {
      columns: strs(row['ref_columns']),
      match: MATCH[str(row['match'])] ?? 'simple',
      onDelete: ACTIONS[str(row['on_delete'])] ?? 'no action',
      onUpdate: ACTIONS[str(row['on_update'])] ?? 'no action',
      table: str(row['ref_table']),
    };
  }
  setOptional(out, 'indexComment', opt(row['index_comment']));
  out['initiallyDeferred'] = row['deferred'] === true;
  out['kind'] = kind;
  out['name'] = str(row['name']);
  out['validated'] = row['validated'] === true;
  return out as unknown as Constraint;
}

/** Key elements (with ordering and operator class) and INCLUDE columns, parsed from the pretty definition. */
function indexColumnsOf(row: R): { keys: string[]; include: string[] } {
  const text = reparsable(str(row['pretty_definition'] ?? row['definition']));
  const parsed = indexColumns(text);
  const nkeys = Number(row['nkeys']);
  const ncols = Number(row['ncols']);
  if (!parsed || parsed.keys.length !== nkeys || parsed.keys.length + parsed.include.length !== ncols) {
    throw new Error(`cannot read the columns of index ${str(row['name'])} from: ${text}`);
  }
  return parsed;
}

function indexOf(row: R): Index {
  const { keys, include } = indexColumnsOf(row);
  const out: Mutable = {};
  setOptional(out, 'comment', opt(row['comment']));
  out['definition'] = str(row['definition']);
  out['include'] = include;
  out['keys'] = keys;
  out['method'] = str(row['method']);
  out['name'] = str(row['name']);
  out['nullsNotDistinct'] = row['nulls_not_distinct'] === true;
  out['unique'] = row['unique'] === true;
  setOptional(out, 'where', expr(row['where']));
  const options = strs(row['options']);
  if (options.length > 0) out['with'] = options;
  return out as unknown as Index;
}

/** `escape`-encoded bytea keeps backslashes doubled; undo that. */
function unescapeBytea(text: string): string {
  return text.replaceAll('\\\\', '\\');
}

/** The WHEN condition of a trigger definition as Postgres printed it. */
function whenClauseOf(definition: string): string | undefined {
  const start = definition.indexOf(' WHEN (');
  const end = definition.lastIndexOf(') EXECUTE ');
  if (start < 0 || end < start) return undefined;
  return definition.slice(start + ' WHEN ('.length, end);
}

/** Decodes `tgtype` bits (see pg_trigger.h). `table`: the table of a trigger on an external one. */
function triggerOf(row: R, table?: string): Trigger {
  const type = Number(row['type']);
  const events: TriggerEvent[] = [];
  if (type & 4) events.push('insert');
  if (type & 8) events.push('delete');
  if (type & 16) events.push('update');
  if (type & 32) events.push('truncate');
  events.sort();
  const definition = reparsable(str(row['definition']));
  const nargs = Number(row['nargs']);
  const out: Mutable = {};
  // tgargs is NUL-separated, each argument NUL-terminated; `escape` encoding shows NUL as \000.
  out['args'] = nargs > 0 ? str(row['args_raw']).split('\\000').slice(0, nargs).map(unescapeBytea) : [];
  setOptional(out, 'comment', opt(row['comment']));
  if (row['is_constraint'] === true) out['constraint'] = { deferrable: row['deferrable'] === true, initiallyDeferred: row['initially_deferred'] === true };
  out['definition'] = definition;
  out['enabled'] = row['enabled'] === true;
  out['events'] = events;
  out['forEach'] = type & 1 ? 'row' : 'statement';
  out['function'] = str(row['function']);
  out['name'] = str(row['name']);
  setOptional(out, 'table', table);
  out['timing'] = type & 64 ? 'instead of' : type & 2 ? 'before' : 'after';
  out['updateOf'] = strs(row['update_of']);
  setOptional(out, 'when', whenClauseOf(definition));
  return out as unknown as Trigger;
}

function policyOf(row: R): Policy {
  const out: Mutable = {};
  setOptional(out, 'check', expr(row['check_expr']));
  out['command'] = POLICY_COMMANDS[str(row['command'])] ?? 'all';
  setOptional(out, 'comment', opt(row['comment']));
  out['name'] = str(row['name']);
  out['permissive'] = row['permissive'] === true;
  out['roles'] = strs(row['roles']).sort();
  setOptional(out, 'using', expr(row['using_expr']));
  return out as unknown as Policy;
}

function columnOf(row: R, grantsSeen: Map<string, Grants>): Column {
  const out: Mutable = {};
  setOptional(out, 'collation', opt(row['collation']));
  setOptional(out, 'comment', opt(row['comment']));
  setOptional(out, 'default', opt(row['default']));
  setOptional(out, 'generated', opt(row['generated']));
  if (Array.isArray(row['acl'])) {
    const grants = grantsOf(row, grantsSeen);
    if (Object.keys(grants).length > 0) out['grants'] = grants;
  }
  setOptional(out, 'identity', opt(row['identity']));
  const sequenceComment = opt(row['sequence_comment']);
  if (sequenceComment !== undefined) out['identitySequence'] = { comment: sequenceComment, name: str(row['sequence_name']) };
  const seq = row['identity_sequence'];
  if (Array.isArray(seq) && seq.length === 6) {
    const [start, increment, min, max, cache, cycle] = seq.map(String) as [string, string, string, string, string, string];
    const options = sparseIdentityOptions(str(row['type']), { start, increment, min, max, cache, cycle: cycle === 'true' });
    if (options) out['identityOptions'] = options;
  }
  out['name'] = str(row['name']);
  out['notNull'] = row['not_null'] === true;
  out['type'] = str(row['type']);
  return out as unknown as Column;
}

/** `public`'s stock comment is initdb's, not the user's: leave it out so it never shows as a change. */
function schemaComment(row: R): string | undefined {
  const comment = opt(row['comment']);
  return str(row['name']) === 'public' && comment === 'standard public schema' ? undefined : comment;
}

/** A record of the items by key, filled in sorted key order. */
function keyed<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, T> {
  // Most tables have no or one index, policy, trigger...: no sorting to do.
  if (items.length === 0) return {};
  const out = nameRecord<T>();
  if (items.length === 1) {
    out[keyOf(items[0]!)] = items[0]!;
    return out;
  }
  const pairs = items.map((item) => [keyOf(item), item] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [key, item] of pairs) out[key] = item;
  return out;
}

const byQualifiedName = <T extends { schema: string; name: string }>(items: readonly T[]): Record<string, T> =>
  keyed(items, (item) => qualifiedName(item.schema, item.name));

/** A JSON object's entries in sorted key order. */
function sortedObject<T>(value: unknown): Record<string, T> {
  const source = (value ?? {}) as Record<string, T>;
  const out: Record<string, T> = {};
  for (const key of Object.keys(source).sort()) out[key] = source[key]!;
  return out;
}

/**
 * A Catalog being assembled. Each query's rows are read one by one as the server sends them
 * (`rowSink`), while the other queries still run; tables and views, which gather the rest, are
 * built at the end.
 */
export interface Assembly {
  readonly grantsSeen: Map<string, Grants>;
  readonly parts: Partial<{
    columns: Map<string, Column[]>;
    constraints: Map<string, Record<string, Constraint>>;
    indexes: Map<string, Record<string, Index>>;
    policies: Map<string, Record<string, Policy>>;
    triggers: Map<string, Record<string, Trigger>>;
    externalTriggers: Catalog['externalTriggers'];
    externalPolicies: NonNullable<Catalog['externalPolicies']>;
    buckets: NonNullable<Catalog['buckets']>;
    cronJobs: NonNullable<Catalog['cronJobs']>;
    publications: Record<string, Publication>;
    domains: Catalog['domains'];
    composites: NonNullable<Catalog['composites']>;
    enums: Catalog['enums'];
    functions: Catalog['functions'];
    sequences: Catalog['sequences'];
    schemas: Catalog['schemas'];
    defaultPrivileges: Catalog['defaultPrivileges'];
    extensions: Catalog['extensions'];
    tables: readonly R[];
    views: readonly R[];
  }>;
}

export function newAssembly(): Assembly {
  return { grantsSeen: new Map(), parts: {} };
}

/** Receives one query's rows in the order the server sends them, then `end`. */
export interface RowSink {
  add(row: R): void;
  end(): void;
}

/** Keeps the rows, and reads them all at the end (the kinds with few rows, and tables and views). */
function rowsSink(done: (rows: R[]) => void): RowSink {
  const rows: R[] = [];
  return { add: (row) => void rows.push(row), end: () => done(rows) };
}

/**
 * The rows of one relation after another (the queries order by relation, `rel`), each read into
 * an item as it arrives and gathered by `group`: no row outlives its reading, and no relation's
 * items are regrouped.
 */
interface Group<T, G, O> {
  /** A relation's first item is coming (`previous`: what its rows made, should they come again). */
  start(previous: O | undefined): G;
  add(group: G, item: T): void;
  finish(group: G): O;
}

function relationSink<T, G, O>(read: (row: R) => T, group: Group<T, G, O>, done: (out: Map<string, O>) => void): RowSink {
  const out = new Map<string, O>();
  let rel: string | undefined;
  let current: G | undefined;
  const flush = (): void => {
    if (rel !== undefined) out.set(rel, group.finish(current!));
  };
  return {
    add(row) {
      const r = str(row['rel']);
      if (r !== rel) {
        flush();
        rel = r;
        current = group.start(out.get(r));
      }
      group.add(current!, read(row));
    },
    end() {
      flush();
      done(out);
    },
  };
}

/** Items in arrival order (columns, in attribute order). */
function listGroup<T>(): Group<T, T[], T[]> {
  return {
    start: (previous) => previous ?? [],
    add: (list, item) => void list.push(item),
    finish: (list) => list,
  };
}

/**
 * Items by name, in sorted key order. The queries order each relation's rows by name, so the
 * record fills in order; should the server's order of some names differ from JavaScript's (C
 * collation compares UTF-8 bytes), the record is rebuilt sorted.
 */
interface NamedRecord<T> {
  readonly record: Record<string, T>;
  last: string | undefined;
  sorted: boolean;
}

function namedGroup<T extends { name: string }>(): Group<T, NamedRecord<T>, Record<string, T>> {
  return {
    start: (previous) => (previous ? { record: previous, last: undefined, sorted: false } : { record: nameRecord<T>(), last: undefined, sorted: true }),
    add(group, item) {
      if (group.sorted && group.last !== undefined && !(group.last < item.name)) group.sorted = false;
      group.last = item.name;
      group.record[item.name] = item;
    },
    finish: (group) => (group.sorted ? group.record : keyed(Object.values(group.record), (item) => item.name)),
  };
}

/** The sink of one query's rows. */
export function rowSink(assembly: Assembly, name: QueryName): RowSink {
  const parts = assembly.parts;
  switch (name) {
    case 'columns':
      return relationSink((row) => columnOf(row, assembly.grantsSeen), listGroup<Column>(), (out) => void (parts.columns = out));
    case 'constraints':
      return relationSink(constraintOf, namedGroup<Constraint>(), (out) => void (parts.constraints = out));
    case 'indexes':
      return relationSink(indexOf, namedGroup<Index>(), (out) => void (parts.indexes = out));
    case 'policies':
      return relationSink(policyOf, namedGroup<Policy>(), (out) => void (parts.policies = out));
    case 'triggers': {
      const managed = relationSink((row) => triggerOf(row), namedGroup<Trigger>(), (out) => void (parts.triggers = out));
      const external: (Trigger & { table: string })[] = [];
      return {
        add(row) {
          if (row['managed_table'] === true) managed.add(row);
          else external.push(triggerOf(row, qualifiedName(str(row['table_schema']), str(row['table_name']))) as Trigger & { table: string });
        },
        end() {
          managed.end();
          parts.externalTriggers = keyed(external, (trigger) => `${trigger.table}.${trigger.name}`);
        },
      };
    }
    case 'domains':
      return rowsSink((rows) => void (parts.domains = byQualifiedName(rows.map(domainOf))));
    case 'composites':
      return rowsSink((rows) => void (parts.composites = byQualifiedName(rows.map(compositeOf))));
    case 'enums':
      return rowsSink((rows) => void (parts.enums = byQualifiedName(rows.map(enumOf))));
    case 'functions':
      return rowsSink(
        (rows) =>
          void (parts.functions = keyed(
            rows.map((row) => functionOf(row, assembly.grantsSeen)),
            (fn) => `${qualifiedName(fn.schema, fn.name)}(${fn.identityArgs})`,
          )),
      );
    case 'sequences':
      return rowsSink((rows) => void (parts.sequences = byQualifiedName(rows.map((row) => sequenceOf(row, assembly.grantsSeen)))));
    case 'schemas':
      return rowsSink((rows) => {
        // The row under the empty name holds the default privileges without IN SCHEMA.
        const global = rows.find((row) => row['name'] === '');
        if (global) parts.defaultPrivileges = defaultPrivilegesOf(global['default_acl'], true);
        parts.schemas = keyed(rows.filter((row) => row['name'] !== '').map((row) => schemaOf(row, assembly.grantsSeen)), (schema) => schema.name);
      });
    case 'extensions':
      return rowsSink(
        (rows) =>
          void (parts.extensions = keyed(
            rows.map((row): Extension => ({ name: str(row['name']), schema: str(row['schema']) })),
            (extension) => extension.name,
          )),
      );
    case 'platform':
      return rowsSink((rows) => readPlatform(rows, parts));
    case 'tables':
    case 'views':
      // Built at the end, from everything else.
      return rowsSink((rows) => void (parts[name] = rows));
  }
}

/** The Catalog, once every query's rows were added. */
export function finishCatalog(assembly: Assembly): Catalog {
  const p = assembly.parts;
  const none = new Map<string, never>();
  const columnsByRel = p.columns ?? none;
  const constraintsByRel = p.constraints ?? none;
  const indexesByRel = p.indexes ?? none;
  const policiesByRel = p.policies ?? none;
  const triggersByRel = p.triggers ?? none;

  const tables = byQualifiedName(
    (p.tables ?? []).map((row): Table => {
      const rel = str(row['oid']);
      const parent = opt(row['partition_parent']);
      const out: Mutable = {};
      out['columns'] = columnsByRel.get(rel) ?? [];
      setOptional(out, 'comment', opt(row['comment']));
      out['constraints'] = constraintsByRel.get(rel) ?? {};
      out['forceRls'] = row['force_rls'] === true;
      out['grants'] = grantsOf(row, assembly.grantsSeen);
      out['indexes'] = indexesByRel.get(rel) ?? {};
      out['kind'] = row['partitioned'] === true ? 'partitioned' : 'table';
      out['name'] = str(row['name']);
      setOptional(out, 'owner', opt(row['other_owner']));
      setOptional(out, 'partitionBy', opt(row['partition_by']));
      if (parent) out['partitionOf'] = { bound: str(row['partition_bound']), parent };
      out['policies'] = policiesByRel.get(rel) ?? {};
      const publications = publicationsOf(row['publications']);
      if (publications) out['publications'] = publications;
      const replicaIdentity = replicaIdentityOf(row);
      if (replicaIdentity !== undefined) out['replicaIdentity'] = replicaIdentity;
      out['rls'] = row['rls'] === true;
      out['schema'] = str(row['schema']);
      out['triggers'] = triggersByRel.get(rel) ?? {};
      const options = strs(row['options']).sort();
      if (options.length > 0) out['with'] = options;
      return out as unknown as Table;
    }),
  );

  const views = byQualifiedName(
    (p.views ?? []).map((row): View => {
      const rel = str(row['oid']);
      const out: Mutable = {};
      const columns = columnsByRel.get(rel) ?? [];
      const commented = columns.filter((c) => c.comment !== undefined);
      if (commented.length > 0) out['columnComments'] = Object.fromEntries(commented.map((c) => [c.name, c.comment!]).sort(([x], [y]) => (x! < y! ? -1 : 1)));
      out['columns'] = columns.map((c) => c.name);
      setOptional(out, 'comment', opt(row['comment']));
      out['definition'] = reparsable(str(row['definition']));
      out['grants'] = grantsOf(row, assembly.grantsSeen);
      out['indexes'] = indexesByRel.get(rel) ?? {};
      out['materialized'] = row['materialized'] === true;
      out['name'] = str(row['name']);
      out['options'] = strs(row['options']).sort();
      setOptional(out, 'owner', opt(row['other_owner']));
      out['schema'] = str(row['schema']);
      return out as unknown as View;
    }),
  );

  return {
    ...(p.buckets && Object.keys(p.buckets).length > 0 ? { buckets: p.buckets } : {}),
    ...(p.composites && Object.keys(p.composites).length > 0 ? { composites: p.composites } : {}),
    ...(p.cronJobs && Object.keys(p.cronJobs).length > 0 ? { cronJobs: p.cronJobs } : {}),
    ...(p.publications ? { publications: sortedKeys(p.publications) } : {}),
    ...(p.defaultPrivileges ? { defaultPrivileges: p.defaultPrivileges } : {}),
    domains: p.domains ?? {},
    enums: p.enums ?? {},
    extensions: p.extensions ?? {},
    ...(p.externalPolicies && Object.keys(p.externalPolicies).length > 0 ? { externalPolicies: p.externalPolicies } : {}),
    externalTriggers: p.externalTriggers ?? {},
    functions: p.functions ?? {},
    schemas: p.schemas ?? {},
    sequences: p.sequences ?? {},
    tables,
    views,
  };
}

function compositeOf(row: R): CompositeType {
  const attributes = (Array.isArray(row['attributes']) ? (row['attributes'] as R[]) : []).map((a) => {
    const out: Mutable = {};
    setOptional(out, 'collation', opt(a['collation']));
    out['name'] = str(a['name']);
    out['type'] = str(a['type']);
    return out as unknown as CompositeAttribute;
  });
  const out: Mutable = { attributes };
  setOptional(out, 'comment', opt(row['comment']));
  out['name'] = str(row['name']);
  out['schema'] = str(row['schema']);
  return out as unknown as CompositeType;
}

function domainOf(row: R): Domain {
  const checks = sortedObject<string>(row['checks']);
  const out: Mutable = { checks: Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, reparsable(v)])) };
  setOptional(out, 'collation', opt(row['collation']));
  setOptional(out, 'comment', opt(row['comment']));
  setOptional(out, 'default', opt(row['default']));
  out['name'] = str(row['name']);
  out['notNull'] = row['not_null'] === true;
  setOptional(out, 'owner', opt(row['other_owner']));
  out['schema'] = str(row['schema']);
  out['type'] = str(row['type']);
  return out as unknown as Domain;
}

function enumOf(row: R): EnumType {
  const out: Mutable = {};
  setOptional(out, 'comment', opt(row['comment']));
  out['name'] = str(row['name']);
  setOptional(out, 'owner', opt(row['other_owner']));
  out['schema'] = str(row['schema']);
  out['values'] = strs(row['values']);
  return out as unknown as EnumType;
}

function functionOf(row: R, grantsSeen: Map<string, Grants>): FunctionDef {
  const out: Mutable = { args: str(row['args']), body: str(row['body']) };
  setOptional(out, 'comment', opt(row['comment']));
  out['config'] = strs(row['config']).sort();
  out['definition'] = str(row['definition']);
  out['grants'] = grantsOf(row, grantsSeen);
  out['identityArgs'] = str(row['identity_args']);
  out['kind'] = str(row['kind']);
  out['language'] = str(row['language']);
  out['name'] = str(row['name']);
  setOptional(out, 'owner', opt(row['other_owner']));
  setOptional(out, 'returns', opt(row['returns']));
  out['schema'] = str(row['schema']);
  out['security'] = str(row['security']);
  out['strict'] = row['strict'] === true;
  out['volatility'] = str(row['volatility']);
  return out as unknown as FunctionDef;
}

function sequenceOf(row: R, grantsSeen: Map<string, Grants>): Sequence {
  const out: Mutable = { cache: str(row['cache']) };
  setOptional(out, 'comment', opt(row['comment']));
  out['cycle'] = row['cycle'] === true;
  const grants = grantsOf(row, grantsSeen);
  if (Object.keys(grants).length > 0) out['grants'] = grants;
  out['increment'] = str(row['increment']);
  out['max'] = str(row['max']);
  out['min'] = str(row['min']);
  out['name'] = str(row['name']);
  setOptional(out, 'ownedBy', opt(row['owned_by']));
  setOptional(out, 'owner', opt(row['other_owner']));
  out['schema'] = str(row['schema']);
  out['start'] = str(row['start']);
  out['type'] = str(row['type']);
  return out as unknown as Sequence;
}

/** `pg_default_acl.defaclobjtype` -> what ALTER DEFAULT PRIVILEGES calls it (schemas `n` are global only). */
const DEFAULT_OBJECTS: Readonly<Record<string, DefaultObjects>> = { r: 'tables', S: 'sequences', f: 'functions', T: 'types' };

/** A schema's default privileges (JSON from schemas.sql), by role and object kind; undefined when none. */
function defaultPrivilegesOf(value: unknown, global = false): DefaultPrivileges | undefined {
  if (value === null || value === undefined) return undefined;
  const rows = JSON.parse(String(value)) as { role: string; type: string; acl: string[] | null }[];
  const out: Record<string, Partial<Record<DefaultObjects, Grants>>> = {};
  for (const r of rows) {
    const objects = DEFAULT_OBJECTS[r.type];
    if (!objects) continue;
    // No owner to leave out: a schema's entry lists exactly what it adds to the role's defaults, a
    // global one what replaces them (empty when all is revoked).
    const grants = readGrants(r.acl ?? [], '\u0000');
    if (global || Object.keys(grants).length > 0) (out[r.role] ??= {})[objects] = grants;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function schemaOf(row: R, grantsSeen: Map<string, Grants>): SchemaDef {
  const out: Mutable = {};
  setOptional(out, 'comment', schemaComment(row));
  const grants = grantsOf(row, grantsSeen);
  if (Object.keys(grants).length > 0) out['grants'] = grants;
  const defaults = defaultPrivilegesOf(row['default_acl']);
  if (defaults) out['defaultPrivileges'] = defaults;
  out['name'] = str(row['name']);
  setOptional(out, 'owner', opt(row['other_owner']));
  return out as unknown as SchemaDef;
}

/** FULL, NOTHING or USING INDEX (an index flagged indisreplident; none left acts as NOTHING). */
function replicaIdentityOf(row: R): ReplicaIdentity | undefined {
  const kind = opt(row['replica_identity']);
  if (kind !== 'index') return kind as ReplicaIdentity | undefined;
  const index = opt(row['replica_index']);
  return index === undefined ? 'nothing' : { index };
}

/** A table's publications (JSON from tables.sql), by name; undefined when none. */
function publicationsOf(value: unknown): Record<string, PublicationMembership> | undefined {
  if (value === null || value === undefined) return undefined;
  const rows = JSON.parse(String(value)) as { publication: string; columns: string[] | null; where: string | null }[];
  const out: Record<string, PublicationMembership> = {};
  for (const r of [...rows].sort((a, b) => (a.publication < b.publication ? -1 : a.publication > b.publication ? 1 : 0))) {
    const m: Mutable = {};
    if (r.columns) m['columns'] = r.columns;
    if (r.where !== null && r.where !== undefined) m['where'] = r.where;
    out[r.publication] = m as PublicationMembership;
  }
  return out;
}

/** The platform query's rows: policies on platform tables, buckets, cron jobs (platform.sql). */
function readPlatform(rows: readonly R[], parts: Assembly['parts']): void {
  const policies: (Policy & { table: string })[] = [];
  for (const row of rows) {
    const data = row['data'];
    // A table without rows reads as an empty (nil) element.
    if (data === null || data === undefined || data === '') continue;
    const value = JSON.parse(String(data)) as R | R[];
    if (row['kind'] === 'policy') {
      const p = value as R;
      const entries = Object.entries({ ...policyOf(p), table: str(p['table']) }).sort(([a], [b]) => (a < b ? -1 : 1));
      policies.push(Object.fromEntries(entries) as unknown as Policy & { table: string });
    } else if (row['kind'] === 'buckets') {
      parts.buckets = keyed((value as R[]).map(bucketOf), (b) => b.id);
    } else if (row['kind'] === 'cron_jobs') {
      parts.cronJobs = keyed((value as R[]).map(cronJobOf), (j) => j.name);
    } else if (row['kind'] === 'publication') {
      const pub = publicationOf(value as R);
      if (!isPlatformPublication(pub.name)) parts.publications = { ...parts.publications, [pub.name]: pub };
    }
  }
  parts.externalPolicies = keyed(policies, (p) => `${p.table}.${p.name}`);
}

function bucketOf(row: R): Bucket {
  const out: Mutable = {};
  const types = row['allowed_mime_types'];
  if (Array.isArray(types)) out['allowedMimeTypes'] = types.map(String);
  if (row['file_size_limit'] !== null && row['file_size_limit'] !== undefined) out['fileSizeLimit'] = Number(row['file_size_limit']);
  out['id'] = str(row['id']);
  out['public'] = row['public'] === true;
  return out as unknown as Bucket;
}

function cronJobOf(row: R): CronJob {
  return { active: row['active'] !== false, command: str(row['command']), name: str(row['name']), schedule: str(row['schedule']) };
}
