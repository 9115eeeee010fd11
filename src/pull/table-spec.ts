/**
 * Pure: one catalog Table as the spec writes it. Single-column primary keys, unique constraints and
 * foreign keys go on the column; names only where they differ from Postgres's own; Postgres's
 * defaults (no action, btree, permissive, for each row, ...) left out.
 */
import type { Constraint, Grants, IdentityOptions, Index, Policy, Table, Trigger } from '../catalog/types.js';
import { GRANT_OPTION_SUFFIX } from '../catalog/privileges.js';
import type {
  CheckSpec,
  ColumnPrivilegeSpec,
  ColumnSpec,
  IdentitySpec,
  ExclusionSpec,
  ForeignKeySpec,
  IndexSpec,
  PolicySpec,
  PrivilegeSpec,
  ReferencesSpec,
  TableSpec,
  TriggerSpec,
  UniqueSpec,
} from '../spec/types.js';
import { exclusionParts } from './exclusion.js';
import { nameRecord } from '../util/object-keys.js';
import { quoteIdent, splitOption } from '../catalog/names.js';
import { defaultForeignKeyName, defaultIndexName, defaultPrimaryKeyName, defaultUniqueName } from './default-names.js';
import { columnDefault, indexKeySpec, shortType, specRefOfKey, stripOuterParens } from './sql-text.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const TABLE_PRIVILEGES = ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger'];

/** Role -> privileges; every table privilege reads `[all]`. */
export function grantsSpec(grants: Grants, all: readonly string[] = TABLE_PRIVILEGES): Record<string, PrivilegeSpec[]> | undefined {
  const roles = Object.keys(grants).sort();
  if (roles.length === 0) return undefined;
  const out: Record<string, PrivilegeSpec[]> = {};
  for (const role of roles) {
    const privileges = grants[role] ?? [];
    // Every privilege of the kind: `all`, or `all with grant option` when each is held with it.
    const every = (suffix: string): boolean => all.length > 0 && all.every((p) => privileges.includes(`${p}${suffix}` as never));
    out[role] = every('') ? ['all'] : every(GRANT_OPTION_SUFFIX) ? [`all${GRANT_OPTION_SUFFIX}` as PrivilegeSpec] : ([...privileges] as PrivilegeSpec[]);
  }
  return out;
}

/**
 * A table's grants as the spec writes them, built once per Grants object: introspection shares one
 * between the tables of the same ACL and owner, and specs are never mutated.
 */
const tableGrants = new WeakMap<Grants, Record<string, PrivilegeSpec[]> | undefined>();
function tableGrantsSpec(grants: Grants): Record<string, PrivilegeSpec[]> | undefined {
  if (!tableGrants.has(grants)) tableGrants.set(grants, grantsSpec(grants));
  return tableGrants.get(grants);
}

/** The referenced table's primary key columns, when the catalog knows the table. */
export type PrimaryKeyLookup = (table: string) => readonly string[] | undefined;

const COLUMN_PRIVILEGES = ['select', 'insert', 'update', 'references'] as const;

/** Column privileges as one `{ select: [...], update: [...] }` entry per role, columns in table order. */
function withColumnGrants(grants: TableSpec['grants'] | undefined, table: Table): TableSpec['grants'] | undefined {
  if (!table.columns.some((c) => c.grants)) return grants;
  const byRole = new Map<string, Map<string, string[]>>();
  for (const column of table.columns) {
    for (const [role, privileges] of Object.entries(column.grants ?? {})) {
      const entry = byRole.get(role) ?? new Map<string, string[]>();
      for (const p of privileges) entry.set(p, [...(entry.get(p) ?? []), column.name]);
      byRole.set(role, entry);
    }
  }
  const out: Record<string, readonly (PrivilegeSpec | ColumnPrivilegeSpec)[]> = { ...(grants ?? {}) };
  for (const role of [...byRole.keys()].sort()) {
    const entry = byRole.get(role)!;
    const columns = Object.fromEntries(COLUMN_PRIVILEGES.flatMap((p) => [p, `${p}${GRANT_OPTION_SUFFIX}`]).filter((p) => entry.has(p)).map((p) => [p, entry.get(p)!]));
    out[role] = [...(out[role] ?? []), columns];
  }
  return Object.fromEntries(Object.keys(out).sort().map((role) => [role, out[role]!]));
}

function deferrableSpec(c: Constraint): ForeignKeySpec['deferrable'] | undefined {
  if (!c.deferrable) return undefined;
  return c.initiallyDeferred ? 'initially deferred' : true;
}

/** Whether a foreign key fits the column's `references:` form. */
function isColumnForeignKey(c: Constraint): boolean {
  return c.kind === 'foreign_key' && c.columns.length === 1 && c.foreignKey?.match === 'simple' && c.comment === undefined;
}

function referencesSpec(table: Table, c: Constraint, primaryKeyOf: PrimaryKeyLookup): ReferencesSpec {
  const fk = c.foreignKey!;
  const pk = primaryKeyOf(fk.table);
  const out: Mutable<ReferencesSpec> = { table: specRefOfKey(fk.table) };
  // The column defaults to the referenced table's key (`id` for a table the spec does not hold, e.g. auth.users).
  const defaultColumn = pk ? (pk.length === 1 ? pk[0] : undefined) : 'id';
  if (fk.columns[0] !== defaultColumn) out.column = fk.columns[0]!;
  out.on_delete = fk.onDelete;
  if (fk.onUpdate !== 'no action') out.on_update = fk.onUpdate;
  if (c.name !== defaultForeignKeyName(table.name, c.columns)) out.name = c.name;
  const deferrable = deferrableSpec(c);
  if (deferrable !== undefined) out.deferrable = deferrable;
  if (!c.validated) out.validated = false;
  return out;
}

function foreignKeySpec(c: Constraint, primaryKeyOf: PrimaryKeyLookup): ForeignKeySpec {
  const fk = c.foreignKey!;
  const pk = primaryKeyOf(fk.table);
  const samePk = pk !== undefined && pk.length === fk.columns.length && pk.every((col, i) => col === fk.columns[i]);
  const out: Mutable<ForeignKeySpec> = {
    columns: [...c.columns],
    references: samePk ? { table: specRefOfKey(fk.table) } : { table: specRefOfKey(fk.table), columns: [...fk.columns] },
    on_delete: fk.onDelete,
  };
  if (fk.onUpdate !== 'no action') out.on_update = fk.onUpdate;
  const deferrable = deferrableSpec(c);
  if (deferrable !== undefined) out.deferrable = deferrable;
  if (fk.match === 'full') out.match = 'full';
  if (c.comment !== undefined) out.comment = c.comment;
  if (!c.validated) out.validated = false;
  return out;
}

/** A key element that is a plain column reference (possibly quoted), as the column's name. */
function plainColumnOf(key: string, columns: readonly string[]): string | undefined {
  return columns.find((name) => quoteIdent(name) === key);
}

/**
 * A column key with ordering/operator class (`"select" DESC`) as the spec writes it: the bare name
 * then the options (`select DESC`); a name with white space goes in parentheses (`("a b") DESC`).
 */
function columnWithOptions(key: string, columns: readonly string[]): string | undefined {
  const column = columns.find((name) => key.startsWith(`${quoteIdent(name)} `));
  if (column === undefined) return undefined;
  const rest = key.slice(quoteIdent(column).length);
  return /\s/.test(column) ? `(${quoteIdent(column)})${rest}` : `${column}${rest}`;
}

/** An index or exclusion key as the spec writes it: a bare column name, a name with options, or an expression. */
function keySpec(key: string, columnNames: readonly string[]): string {
  return plainColumnOf(key, columnNames) ?? columnWithOptions(key, columnNames) ?? indexKeySpec(key);
}

/**
 * An index of a table or materialized view (`relation`: its name; `columnNames`: its columns). A view's
 * columns are not declared in the spec, so there a name that is not one word goes in parentheses.
 */
export function indexSpec(relation: string, columnNames: readonly string[], index: Index, onView = false): IndexSpec {
  const word = (name: string): string => (onView && !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? `(${quoteIdent(name)})` : name);
  const plain = index.keys.map((key) => {
    const name = plainColumnOf(key, columnNames);
    return name === undefined ? undefined : word(name);
  });
  const allPlain = plain.every((name) => name !== undefined) ? (plain as string[]) : undefined;
  // Key `name` first reads best.
  const out = (index.name !== defaultIndexName(relation, allPlain) ? { name: index.name } : {}) as Mutable<IndexSpec>;
  out.columns = index.keys.map((key, i) => plain[i] ?? keySpec(key, columnNames));
  if (index.unique) out.unique = true;
  if (index.method !== 'btree') out.using = index.method;
  if (index.include.length > 0) out.include = index.include.map((key) => plainColumnOf(key, columnNames) ?? key);
  if (index.where !== undefined) out.where = stripOuterParens(index.where);
  if (index.nullsNotDistinct) out.nulls_not_distinct = true;
  if (index.with && index.with.length > 0) out.with = storageParameters(index.with);
  if (index.comment !== undefined) out.comment = index.comment;
  return out;
}

/** `['fillfactor=70', 'fastupdate=off']` -> `{ fillfactor: 70, fastupdate: 'off' }`. */
function storageParameters(options: readonly string[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const option of options) {
    const { name, value = '' } = splitOption(option);
    // A number only when it prints back as stored (`0.050` stays a string, so the re-plan is empty).
    out[name] = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(value) && String(Number(value)) === value ? Number(value) : value;
  }
  return out;
}

export function policySpec(policy: Policy): PolicySpec {
  const out: Mutable<PolicySpec> = {};
  if (policy.command !== 'all') out.for = policy.command;
  if (!(policy.roles.length === 1 && policy.roles[0] === 'public')) {
    out.to = policy.roles.length === 1 ? policy.roles[0]! : [...policy.roles];
  }
  if (!policy.permissive) out.as = 'restrictive';
  if (policy.using !== undefined) out.using = stripOuterParens(policy.using);
  if (policy.check !== undefined) out.check = stripOuterParens(policy.check);
  if (policy.comment !== undefined) out.comment = policy.comment;
  return out;
}

/** A trigger; `function` as a spec reference (`update_updated_at_column`, `app.audit`). */
export function triggerSpec(trigger: Trigger): TriggerSpec {
  const events = trigger.events.length === 1 ? trigger.events[0]! : [...trigger.events];
  const timing = trigger.timing === 'instead of' ? 'instead_of' : trigger.timing;
  // Key `function` last reads best.
  const out = { [timing]: events } as unknown as Mutable<TriggerSpec>;
  if (trigger.updateOf.length > 0) out.update_of = [...trigger.updateOf];
  if (trigger.forEach !== 'row') out.for_each = trigger.forEach;
  if (trigger.when !== undefined) out.when = stripOuterParens(trigger.when);
  if (trigger.args.length > 0) out.args = [...trigger.args];
  if (!trigger.enabled) out.enabled = false;
  if (trigger.constraint) out.constraint = trigger.constraint.initiallyDeferred ? 'initially deferred' : trigger.constraint.deferrable ? 'deferrable' : true;
  if (trigger.comment !== undefined) out.comment = trigger.comment;
  out.function = specRefOfKey(trigger.function);
  return out;
}

/** A check as the spec writes it: the expression, or `{ check, no_inherit, comment }`. */
function checkSpec(c: Constraint): string | CheckSpec {
  const definition = c.definition.replace(/ NOT VALID$/, '');
  const noInherit = / NO INHERIT$/.test(definition);
  const expression = c.check ?? definition.replace(/ NO INHERIT$/, '').replace(/^CHECK /, '');
  const check = stripOuterParens(expression);
  if (!noInherit && c.comment === undefined && c.validated) return check;
  const out: Mutable<CheckSpec> = { check };
  if (noInherit) out.no_inherit = true;
  if (c.comment !== undefined) out.comment = c.comment;
  if (!c.validated) out.validated = false;
  return out;
}

/** An exclusion constraint as the spec writes it (elements like index keys). */
function exclusionSpec(table: Table, c: Constraint): ExclusionSpec {
  const parts = exclusionParts(c.definition);
  if (!parts) throw new Error(`cannot read exclusion constraint ${c.name} of ${table.schema}.${table.name}: ${c.definition}`);
  const columnNames = table.columns.map((column) => column.name);
  const out: Mutable<ExclusionSpec> = {
    elements: parts.elements.map(([key, operator]) => [keySpec(key, columnNames), operator] as const),
  };
  if (parts.using !== 'gist') out.using = parts.using;
  if (parts.include.length > 0) out.include = parts.include.map((key) => plainColumnOf(key, columnNames) ?? key);
  if (parts.where !== undefined) out.where = stripOuterParens(parts.where);
  const deferrable = deferrableSpec(c);
  if (deferrable !== undefined) out.deferrable = deferrable;
  if (c.comment !== undefined) out.comment = c.comment;
  if (c.indexComment !== undefined) out.index_comment = c.indexComment;
  const { elements, ...rest } = out;
  return parts.using !== 'gist' ? { using: parts.using, elements, ...omitUsing(rest) } : { elements, ...rest };
}

const omitUsing = <T extends { using?: string }>(value: T): Omit<T, 'using'> => {
  const { using: _using, ...rest } = value;
  return rest;
};

/** A unique constraint of the table-level map: the column list, or the long form when it has options. */
function uniqueSpec(c: Constraint): readonly string[] | UniqueSpec {
  const nullsNotDistinct = c.definition.includes('NULLS NOT DISTINCT');
  const deferrable = deferrableSpec(c);
  if (!nullsNotDistinct && deferrable === undefined && c.comment === undefined && c.indexComment === undefined) return [...c.columns];
  const out: Mutable<UniqueSpec> = { columns: [...c.columns] };
  if (nullsNotDistinct) out.nulls_not_distinct = true;
  if (deferrable !== undefined) out.deferrable = deferrable;
  if (c.comment !== undefined) out.comment = c.comment;
  if (c.indexComment !== undefined) out.index_comment = c.indexComment;
  return out;
}

/** The record's keys in order (most records of a table hold one entry: nothing to sort). */
function sortedKeys(record: Readonly<Record<string, unknown>>): string[] {
  const keys = Object.keys(record);
  return keys.length > 1 ? keys.sort() : keys;
}

function sorted<T>(record: Readonly<Record<string, T>>): T[] {
  return sortedKeys(record).map((key) => record[key]!);
}

/** `record`'s entries in key order, each value mapped: the spec's maps of policies and triggers. */
function mapSorted<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U): Record<string, U> | undefined {
  const keys = sortedKeys(record);
  if (keys.length === 0) return undefined;
  const out = nameRecord<U>();
  for (const key of keys) out[key] = map(record[key]!);
  return out;
}

/** A table-level primary key: the column list, or `{ name, columns, deferrable, comment }`. */
function primaryKeySpec(table: Table, pk: Constraint): NonNullable<TableSpec['primary_key']> {
  const named = pk.name !== defaultPrimaryKeyName(table.name);
  const deferrable = deferrableSpec(pk);
  if (!named && deferrable === undefined && pk.comment === undefined && pk.indexComment === undefined) return [...pk.columns];
  return {
    ...(named ? { name: pk.name } : {}),
    columns: [...pk.columns],
    ...(deferrable !== undefined ? { deferrable } : {}),
    ...(pk.comment !== undefined ? { comment: pk.comment } : {}),
    ...(pk.indexComment !== undefined ? { index_comment: pk.indexComment } : {}),
  };
}

export function tableSpec(table: Table, primaryKeyOf: PrimaryKeyLookup, isEnum: (type: string) => boolean = () => false): TableSpec {
  const constraints = sorted(table.constraints);
  const pk = constraints.find((c) => c.kind === 'primary_key');
  const pkOnColumn =
    pk && pk.columns.length === 1 && pk.name === defaultPrimaryKeyName(table.name) && !pk.deferrable && pk.comment === undefined && pk.indexComment === undefined;
  // Most tables have few constraints: each set and record is made when its first entry comes.
  let columnUnique: Set<string> | undefined;
  let columnReferences: Map<string, Constraint> | undefined;
  // Records keyed by the database's names: see nameRecord.
  let unique: Record<string, NonNullable<TableSpec['unique']>[string]> | undefined;
  let checks: Record<string, string | CheckSpec> | undefined;
  let exclusions: Record<string, ExclusionSpec> | undefined;
  let foreignKeys: Record<string, ForeignKeySpec> | undefined;
  for (const c of constraints) {
    if (c.kind === 'unique') {
      if (c.columns.length === 1 && c.name === defaultUniqueName(table.name, c.columns) && !c.deferrable && c.comment === undefined && c.indexComment === undefined && !c.definition.includes('NULLS NOT DISTINCT') && !columnUnique?.has(c.columns[0]!)) {
        (columnUnique ??= new Set()).add(c.columns[0]!);
      } else {
        (unique ??= nameRecord())[c.name] = uniqueSpec(c);
      }
    } else if (c.kind === 'check') {
      (checks ??= nameRecord())[c.name] = checkSpec(c);
    } else if (c.kind === 'exclusion') {
      (exclusions ??= nameRecord())[c.name] = exclusionSpec(table, c);
    } else if (c.kind === 'foreign_key') {
      if (isColumnForeignKey(c) && !columnReferences?.has(c.columns[0]!)) (columnReferences ??= new Map()).set(c.columns[0]!, c);
      else (foreignKeys ??= nameRecord())[c.name] = foreignKeySpec(c, primaryKeyOf);
    }
  }

  const pkColumns = pk?.columns ?? [];
  const columns: Record<string, ColumnSpec> = {};
  for (const column of table.columns) {
    const out: Mutable<ColumnSpec> = { type: shortType(column.type) };
    const isPk = pkColumns.includes(column.name);
    if (column.notNull && !isPk && column.identity === undefined) out.not_null = true;
    if (pkOnColumn && isPk) out.primary_key = true;
    if (columnUnique?.has(column.name)) out.unique = true;
    const ref = columnReferences?.get(column.name);
    if (ref) out.references = referencesSpec(table, ref, primaryKeyOf);
    if (column.identity !== undefined) out.identity = identitySpec(column.identity, column.identityOptions);
    if (column.generated !== undefined) out.generated = stripOuterParens(column.generated);
    const value = columnDefault(column, isEnum);
    if (value !== undefined) out.default = value;
    if (column.collation !== undefined) out.collation = column.collation;
    if (column.comment !== undefined) out.comment = column.comment;
    if (column.identitySequence !== undefined) out.sequence_comment = column.identitySequence.comment;
    columns[column.name] = out;
  }

  // A partition takes its columns from its parent.
  const ownColumns = table.partitionOf ? {} : columns;
  const out: Mutable<TableSpec> = table.comment !== undefined ? { comment: table.comment, columns: ownColumns } : { columns: ownColumns };
  if (pk && !pkOnColumn) out.primary_key = primaryKeySpec(table, pk);
  if (unique) out.unique = unique;
  if (checks) out.checks = checks;
  if (exclusions) out.exclusions = exclusions;
  if (foreignKeys) out.foreign_keys = foreignKeys;
  const columnNames = table.columns.map((c) => c.name);
  const indexes = sorted(table.indexes).map((index) => indexSpec(table.name, columnNames, index));
  if (indexes.length > 0) out.indexes = indexes;
  if (table.partitionBy !== undefined) out.partition_by = table.partitionBy;
  if (table.partitionOf !== undefined) out.partition_of = { table: specRefOfKey(table.partitionOf.parent), bound: table.partitionOf.bound };
  if (table.rls) out.rls = true;
  if (table.forceRls) out.force_rls = true;
  if (table.with && table.with.length > 0) out.with = storageParameters(table.with);
  const grants = withColumnGrants(tableGrantsSpec(table.grants), table);
  if (grants) out.grants = grants;
  const policies = mapSorted(table.policies, policySpec);
  if (policies) out.policies = policies;
  const triggers = mapSorted(table.triggers, triggerSpec);
  if (triggers) out.triggers = triggers;
  if (table.publications) {
    const plain = Object.values(table.publications).every((m) => m.columns === undefined && m.where === undefined);
    out.publications = plain
      ? Object.keys(table.publications)
      : Object.fromEntries(
          Object.entries(table.publications).map(([name, m]) => [
            name,
            m.columns === undefined && m.where === undefined ? null : { ...(m.columns ? { columns: [...m.columns] } : {}), ...(m.where !== undefined ? { where: stripOuterParens(m.where) } : {}) },
          ]),
        );
  }
  if (table.replicaIdentity) out.replica_identity = typeof table.replicaIdentity === 'string' ? table.replicaIdentity : { index: table.replicaIdentity.index };
  if (table.owner !== undefined) out.owner = table.owner;
  return out;
}

/** `always`, or the long form when the identity's sequence has options of its own. */
function identitySpec(generated: 'always' | 'by default', o: IdentityOptions | undefined): NonNullable<ColumnSpec['identity']> {
  if (!o) return generated;
  const out: Mutable<IdentitySpec> = { generated };
  if (o.start !== undefined) out.start = Number(o.start);
  if (o.increment !== undefined) out.increment = Number(o.increment);
  if (o.min !== undefined) out.min = Number(o.min);
  if (o.max !== undefined) out.max = Number(o.max);
  if (o.cache !== undefined) out.cache = Number(o.cache);
  if (o.cycle) out.cycle = true;
  return out;
}
