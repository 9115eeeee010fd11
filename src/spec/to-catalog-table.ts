/** A spec table -> a draft catalog Table (and the trigger shape shared with external tables). */
import { identityGeneration, identityOptionsOf } from './identity.js';
import { shapeCheckExpression, shapeCheckName } from './shape-check.js';
import { identitySequenceName } from './identity-sequence-name.js';
import { quoteIdent, quoteQualified } from '../catalog/names.js';
import type {
  Column,
  Constraint,
  Grants,
  Index,
  Policy,
  PrivilegeName,
  PublicationMembership,
  ReferentialAction,
  Table,
  Trigger,
  TriggerEvent,
} from '../catalog/types.js';
import type { Privilege } from '../catalog/types.js';
import { specPrivileges } from './grant-spec.js';
import { columnConstraintName, indexName, primaryKeyName } from './default-names.js';
import { jsonKind, primaryKeyColumns, refKey, refParts, renderDefault, renderType, type SpecIndex } from './spec-index.js';
import type {
  CheckSpec,
  DeferrableSpec,
  ExclusionSpec,
  ForeignKeySpec,
  IndexSpec,
  PolicySpec,
  PrivilegeSpec,
  PublicationSpec,
  ReferencesSpec,
  TableSpec,
  TriggerSpec,
  UniqueSpec,
  ColumnPrivilegeSpec,
} from './types.js';

/** Sorted: the order a spec's table privileges come out in. */
const ALL_TABLE_PRIVILEGES: readonly PrivilegeName[] = ['delete', 'insert', 'references', 'select', 'trigger', 'truncate', 'update'];
const COLUMN_PRIVILEGES: readonly PrivilegeName[] = ['insert', 'references', 'select', 'update'];
const EVENT_ORDER: readonly TriggerEvent[] = ['delete', 'insert', 'truncate', 'update'];

const list = <T>(value: T | readonly T[] | undefined): readonly T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value as T]);
const columnsText = (columns: readonly string[]): string => columns.map(quoteIdent).join(', ');

export function tableGrants(grants: Readonly<Record<string, readonly (PrivilegeSpec | ColumnPrivilegeSpec)[]>> | undefined): Grants {
  const out: Record<string, readonly Privilege[]> = {};
  for (const role of Object.keys(grants ?? {}).sort()) {
    out[role] = specPrivileges(grants![role]!.filter((p): p is PrivilegeSpec => typeof p === 'string'), ALL_TABLE_PRIVILEGES);
  }
  return out;
}

/** Column -> role -> privileges, from the `{ update: [a, b] }` entries of a table's grants. */
export function columnGrants(grants: TableSpec['grants']): Map<string, Grants> {
  const byColumn = new Map<string, Record<string, Set<string>>>();
  for (const role of Object.keys(grants ?? {})) {
    for (const p of grants![role]!) {
      if (typeof p === 'string') continue;
      for (const [privilege, columns] of Object.entries(p) as [string, readonly string[]][]) {
        for (const column of columns) {
          const roles = byColumn.get(column) ?? {};
          (roles[role] ??= new Set()).add(privilege);
          byColumn.set(column, roles);
        }
      }
    }
  }
  return new Map(
    [...byColumn].map(([column, roles]) => [
      column,
      Object.fromEntries(Object.keys(roles).sort().map((role) => [role, specPrivileges([...roles[role]!], COLUMN_PRIVILEGES)])),
    ]),
  );
}

/** Qualified function key for a trigger's `function:` (unqualified names are in public). */
export const functionKey = (name: string): string => refKey(name) ?? `public.${name}`;

export function toTrigger(name: string, t: TriggerSpec): Trigger {
  const timing = t.before !== undefined ? 'before' : t.after !== undefined ? 'after' : 'instead of';
  const events = new Set(list(t.before ?? t.after ?? t.instead_of));
  return {
    name,
    timing,
    events: EVENT_ORDER.filter((e) => events.has(e)),
    updateOf: [...(t.update_of ?? [])],
    forEach: t.for_each ?? 'row',
    ...(t.when !== undefined ? { when: t.when } : {}),
    function: functionKey(t.function),
    args: [...(t.args ?? [])],
    definition: '',
    ...(t.constraint !== undefined && t.constraint !== false
      ? { constraint: { deferrable: t.constraint !== true, initiallyDeferred: t.constraint === 'initially deferred' } }
      : {}),
    enabled: t.enabled !== false,
    ...(t.comment !== undefined ? { comment: t.comment } : {}),
  };
}

export function toPolicy(name: string, p: PolicySpec): Policy {
  const roles = list(p.to);
  return {
    name,
    command: p.for ?? 'all',
    permissive: p.as !== 'restrictive',
    roles: roles.length === 0 ? ['public'] : [...new Set(roles)].sort(),
    ...(p.using !== undefined ? { using: p.using } : {}),
    ...(p.check !== undefined ? { check: p.check } : {}),
    ...(p.comment !== undefined ? { comment: p.comment } : {}),
  };
}

function deferrableOf(d: DeferrableSpec | undefined): { deferrable: boolean; initiallyDeferred: boolean } {
  return { deferrable: d === true || d === 'initially deferred', initiallyDeferred: d === 'initially deferred' };
}

/** The ` DEFERRABLE [INITIALLY DEFERRED]` suffix of a constraint definition, as pg_get_constraintdef prints it. */
function deferrableSql(d: DeferrableSpec | undefined): string {
  const { deferrable, initiallyDeferred } = deferrableOf(d);
  return deferrable ? (initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE') : '';
}

const withComment = <T extends object>(c: T, comment: string | undefined): T => (comment !== undefined ? { ...c, comment } : c);

const ACTION_SQL: Readonly<Record<ReferentialAction, string>> = {
  'no action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
};

function foreignKey(
  name: string,
  columns: readonly string[],
  target: string,
  targetColumns: readonly string[],
  onDelete: ReferentialAction,
  onUpdate: ReferentialAction,
  deferrable: DeferrableSpec | undefined,
  match: 'simple' | 'full' = 'simple',
  validated = true,
): Constraint {
  const { schema, name: table } = refParts(target);
  const d = deferrableOf(deferrable);
  let definition = `FOREIGN KEY (${columnsText(columns)}) REFERENCES ${quoteQualified(schema, table)}(${columnsText(targetColumns)})`;
  if (match === 'full') definition += ' MATCH FULL';
  if (onUpdate !== 'no action') definition += ` ON UPDATE ${ACTION_SQL[onUpdate]}`;
  if (onDelete !== 'no action') definition += ` ON DELETE ${ACTION_SQL[onDelete]}`;
  if (d.deferrable) definition += d.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
  return {
    name,
    kind: 'foreign_key',
    columns: [...columns],
    definition,
    validated,
    ...d,
    foreignKey: { table: refKey(target) ?? target, columns: [...targetColumns], onDelete, onUpdate, match },
  };
}

/** Columns a reference points at when it names none: the referenced table's primary key, else `id`. */
export function referencedColumns(target: string, given: readonly string[] | undefined, index: SpecIndex): readonly string[] {
  if (given && given.length > 0) return given;
  const key = refKey(target);
  const table = key === undefined ? undefined : index.tables.get(key)?.table;
  const pk = table ? primaryKeyColumns(table) : [];
  return pk.length > 0 ? pk : ['id'];
}

const simple = (
  name: string,
  kind: 'primary_key' | 'unique',
  columns: readonly string[],
  nullsNotDistinct = false,
  deferrable?: DeferrableSpec,
  comment?: string,
  indexComment?: string,
): Constraint =>
  withComment(
    {
      name,
      kind,
      columns: [...columns],
      definition: `${kind === 'primary_key' ? 'PRIMARY KEY' : nullsNotDistinct ? 'UNIQUE NULLS NOT DISTINCT' : 'UNIQUE'} (${columnsText(columns)})${deferrableSql(deferrable)}`,
      validated: true,
      ...deferrableOf(deferrable),
      ...(indexComment !== undefined ? { indexComment } : {}),
    },
    comment,
  );

/** A check as the long form (`{ check, no_inherit, comment }`), whichever form the spec used. */
export const checkOf = (c: string | CheckSpec): CheckSpec => (typeof c === 'string' ? { check: c } : c);

/** `(f(x, y))` -> `f(x, y)`: PostgreSQL prints a function-call key without the extra parentheses. */
function printedKey(key: string): string {
  const call = /^\(([A-Za-z_][A-Za-z0-9_$.]*)\(/.exec(key);
  if (!call || !key.endsWith(')')) return key;
  let depth = 0;
  for (let i = call[0].length - 1; i < key.length; i++) {
    const ch = key[i]!;
    if (ch === "'" || ch === '"') {
      const end = key.indexOf(ch, i + 1);
      if (end < 0) return key;
      i = end;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i === key.length - 2 ? key.slice(1, -1) : key;
  }
  return key;
}

/** An exclusion constraint, its definition as pg_get_constraintdef prints it. */
function exclusion(name: string, e: ExclusionSpec, columnNames: ReadonlySet<string>): Constraint {
  const elements = e.elements.map(([element, operator]) => `${printedKey(indexKey(element, columnNames))} WITH ${operator.trim()}`);
  let definition = `EXCLUDE USING ${e.using ?? 'gist'} (${elements.join(', ')})`;
  if (e.include && e.include.length > 0) definition += ` INCLUDE (${columnsText(e.include)})`;
  if (e.where !== undefined) definition += ` WHERE (${e.where})`;
  definition += deferrableSql(e.deferrable);
  const columns = e.elements.map(([element]) => element).filter((element) => columnNames.has(element));
  return withComment({ name, kind: 'exclusion', columns, definition, validated: true, ...deferrableOf(e.deferrable), ...(e.index_comment !== undefined ? { indexComment: e.index_comment } : {}) }, e.comment);
}

function constraints(tableName: string, t: TableSpec, index: SpecIndex): Record<string, Constraint> {
  const out: Constraint[] = [];
  const pk = primaryKeyColumns(t);
  if (pk.length > 0) {
    const long = t.primary_key && !Array.isArray(t.primary_key) ? (t.primary_key as Exclude<TableSpec['primary_key'], readonly string[] | undefined>) : undefined;
    out.push(simple(long?.name ?? primaryKeyName(tableName), 'primary_key', pk, false, long?.deferrable, long?.comment, long?.index_comment));
  }
  for (const [column, c] of Object.entries(t.columns)) {
    if (c.unique) out.push(simple(columnConstraintName(tableName, [column], 'key'), 'unique', [column]));
    if (c.references) out.push(columnReference(tableName, column, c.references, index));
  }
  for (const [name, u] of Object.entries(t.unique ?? {})) {
    const long = Array.isArray(u) ? undefined : (u as UniqueSpec);
    out.push(simple(name, 'unique', long?.columns ?? (u as readonly string[]), long?.nulls_not_distinct === true, long?.deferrable, long?.comment, long?.index_comment));
  }
  for (const [name, c] of Object.entries(t.checks ?? {})) {
    const { check, no_inherit, comment, validated } = checkOf(c);
    const definition = `CHECK ((${check}))${no_inherit === true ? ' NO INHERIT' : ''}`;
    out.push(withComment({ name, kind: 'check', columns: [], definition, validated: validated !== false, deferrable: false, initiallyDeferred: false, check }, comment));
  }
  for (const [column, c] of Object.entries(t.columns)) {
    const kind = jsonKind(c.type);
    if (!c.enforce_shape || c.shape === undefined || kind === undefined) continue;
    const check = shapeCheckExpression(column, kind, c.shape);
    out.push({ name: shapeCheckName(tableName, column), kind: 'check', columns: [], definition: `CHECK ((${check}))`, validated: true, deferrable: false, initiallyDeferred: false, check });
  }
  const columnNames = new Set(Object.keys(t.columns));
  for (const [name, e] of Object.entries(t.exclusions ?? {})) out.push(exclusion(name, e, columnNames));
  for (const [name, fk] of Object.entries(t.foreign_keys ?? {})) out.push(multiColumnReference(name, fk, index));
  return Object.fromEntries(out.sort((a, b) => cmp(a.name, b.name)).map((c) => [c.name, c]));
}

function columnReference(tableName: string, column: string, r: ReferencesSpec, index: SpecIndex): Constraint {
  return foreignKey(
    r.name ?? columnConstraintName(tableName, [column], 'fkey'),
    [column],
    r.table,
    referencedColumns(r.table, r.column === undefined ? undefined : [r.column], index),
    r.on_delete ?? 'no action',
    r.on_update ?? 'no action',
    r.deferrable,
    'simple',
    r.validated !== false,
  );
}

function multiColumnReference(name: string, fk: ForeignKeySpec, index: SpecIndex): Constraint {
  const c = foreignKey(
    name,
    fk.columns,
    fk.references.table,
    referencedColumns(fk.references.table, fk.references.columns, index),
    fk.on_delete ?? 'no action',
    fk.on_update ?? 'no action',
    fk.deferrable,
    fk.match ?? 'simple',
    fk.validated !== false,
  );
  return withComment(c, fk.comment);
}

/** An index key: a column name (quoted, with any ordering/opclass words), or an expression in parentheses. */
export function indexKey(key: string, columns: ReadonlySet<string>): string {
  if (columns.has(key)) return quoteIdent(key);
  const trimmed = key.trim();
  if (trimmed.startsWith('(')) return trimmed;
  const match = /^(\S+)\s+(.+)$/s.exec(trimmed);
  if (match && columns.has(match[1]!)) return `${quoteIdent(match[1]!)} ${match[2]!.trim()}`;
  return trimmed;
}

/** The column a key names (for the default index name), or `expr`. */
function keyNamePart(key: string, columns: ReadonlySet<string>): string {
  if (columns.has(key)) return key;
  const first = /^(\S+)/.exec(key.trim())?.[1];
  return first !== undefined && columns.has(first) ? first : 'expr';
}

export function toIndex(tableName: string, i: IndexSpec, columns: ReadonlySet<string>): Index {
  return {
    name: i.name ?? indexName(tableName, i.columns.map((k) => keyNamePart(k, columns)), i.unique === true),
    unique: i.unique === true,
    method: i.using ?? 'btree',
    keys: i.columns.map((k) => indexKey(k, columns)),
    include: (i.include ?? []).map(quoteIdent),
    ...(i.where !== undefined ? { where: i.where } : {}),
    nullsNotDistinct: i.nulls_not_distinct === true,
    ...(i.with && Object.keys(i.with).length > 0 ? { with: Object.entries(i.with).map(([name, value]) => `${name}=${String(value)}`) } : {}),
    definition: '',
    ...(i.comment !== undefined ? { comment: i.comment } : {}),
  };
}

function toColumn(name: string, c: TableSpec['columns'][string], isPk: boolean, index: SpecIndex, tableName: string): Column {
  const type = renderType(c.type, index);
  const dflt = c.identity || c.generated !== undefined ? undefined : renderDefault(c.default, c.type, index);
  const identity = identityGeneration(c.identity);
  const identityOptions = identityOptionsOf(type, c.identity);
  return {
    name,
    type,
    notNull: c.not_null === true || isPk,
    ...(dflt !== undefined ? { default: dflt } : {}),
    ...(identity ? { identity } : {}),
    ...(identityOptions ? { identityOptions } : {}),
    ...(c.generated !== undefined ? { generated: c.generated } : {}),
    ...(c.collation !== undefined ? { collation: quoteCollation(c.collation) } : {}),
    ...(c.comment !== undefined ? { comment: c.comment } : {}),
    ...(c.identity && c.sequence_comment !== undefined ? { identitySequence: { name: identitySequenceName(tableName, name), comment: c.sequence_comment } } : {}),
  };
}

/** `C` -> `"C"`, `pg_catalog."default"` kept: collation names are identifiers. */
export function quoteCollation(collation: string): string {
  const ref = /"/.test(collation) ? undefined : collation.split('.');
  if (!ref) return collation;
  return ref.length === 2 ? quoteQualified(ref[0]!, ref[1]!) : `"${collation.replaceAll('"', '""')}"`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function toTable(schema: string, name: string, t: TableSpec, index: SpecIndex): Table {
  const pk = new Set(primaryKeyColumns(t));
  const columnNames = new Set(Object.keys(t.columns));
  const indexes = (t.indexes ?? []).map((i) => toIndex(name, i, columnNames)).sort((a, b) => cmp(a.name, b.name));
  const triggers = Object.entries(t.triggers ?? {}).sort(([a], [b]) => cmp(a, b));
  const policies = Object.entries(t.policies ?? {}).sort(([a], [b]) => cmp(a, b));
  const columnPrivileges = columnGrants(t.grants);
  return {
    schema,
    name,
    kind: t.partition_by !== undefined ? 'partitioned' : 'table',
    ...(t.partition_by !== undefined ? { partitionBy: t.partition_by } : {}),
    ...(t.partition_of !== undefined ? { partitionOf: { parent: refKey(t.partition_of.table) ?? t.partition_of.table, bound: t.partition_of.bound } } : {}),
    columns: Object.entries(t.columns).map(([columnName, c]) => {
      const column = toColumn(columnName, c, pk.has(columnName), index, name);
      const grants = columnPrivileges.get(columnName);
      return grants ? { ...column, grants } : column;
    }),
    constraints: constraints(name, t, index),
    indexes: Object.fromEntries(indexes.map((i) => [i.name, i])),
    triggers: Object.fromEntries(triggers.map(([n, tr]) => [n, toTrigger(n, tr)])),
    policies: Object.fromEntries(policies.map(([n, p]) => [n, toPolicy(n, p)])),
    rls: t.rls === true,
    forceRls: t.force_rls === true,
    grants: tableGrants(t.grants),
    ...(t.comment !== undefined ? { comment: t.comment } : {}),
    ...(t.owner !== undefined ? { owner: t.owner } : {}),
    ...(t.with && Object.keys(t.with).length > 0 ? { with: Object.entries(t.with).map(([option, value]) => `${option}=${String(value)}`).sort() } : {}),
    ...publicationsOf(t),
    ...(t.replica_identity === 'full' || t.replica_identity === 'nothing'
      ? { replicaIdentity: t.replica_identity }
      : typeof t.replica_identity === 'object' && t.replica_identity !== null
        ? { replicaIdentity: { index: t.replica_identity.index } }
        : {}),
  };
}

/** The table's publications, by name (absent when none). */
function publicationsOf(t: TableSpec): { publications?: Record<string, PublicationMembership> } {
  const given = t.publications;
  if (given === undefined) return {};
  const entries: [string, PublicationMembership][] = Array.isArray(given)
    ? (given as readonly string[]).map((name) => [name, {}])
    : Object.entries(given as Readonly<Record<string, PublicationSpec | null>>).map(([name, m]) => [
        name,
        { ...(m?.columns ? { columns: [...m.columns] } : {}), ...(m?.where !== undefined ? { where: m.where } : {}) },
      ]);
  if (entries.length === 0) return {};
  return { publications: Object.fromEntries(entries.sort(([a], [b]) => cmp(a, b))) };
}
