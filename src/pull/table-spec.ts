/**
 * Pure: one catalog Table as the spec writes it. Single-column primary keys, unique constraints and
 * foreign keys go on the column; names only where they differ from Postgres's own; Postgres's
 * defaults (no action, btree, permissive, for each row, ...) left out.
 */
import type { Constraint, Grants, Index, Policy, Table, Trigger } from '../catalog/types.js';
import type {
  ColumnSpec,
  ForeignKeySpec,
  IndexSpec,
  PolicySpec,
  PrivilegeSpec,
  ReferencesSpec,
  TableSpec,
  TriggerSpec,
} from '../spec/types.js';
import { quoteIdent } from '../catalog/names.js';
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
    out[role] = all.length > 0 && all.every((p) => privileges.includes(p as never)) ? ['all'] : ([...privileges] as PrivilegeSpec[]);
  }
  return out;
}

/** The referenced table's primary key columns, when the catalog knows the table. */
export type PrimaryKeyLookup = (table: string) => readonly string[] | undefined;

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

function indexSpec(table: Table, index: Index): IndexSpec {
  const columnNames = table.columns.map((c) => c.name);
  const plain = index.keys.map((key) => plainColumnOf(key, columnNames));
  const allPlain = plain.every((name) => name !== undefined) ? (plain as string[]) : undefined;
  const out: Mutable<IndexSpec> = {
    columns: index.keys.map((key, i) => plain[i] ?? columnWithOptions(key, columnNames) ?? indexKeySpec(key)),
  };
  if (index.name !== defaultIndexName(table.name, allPlain)) out.name = index.name;
  if (index.unique) out.unique = true;
  if (index.method !== 'btree') out.using = index.method;
  if (index.include.length > 0) out.include = index.include.map((key) => plainColumnOf(key, columnNames) ?? key);
  if (index.where !== undefined) out.where = stripOuterParens(index.where);
  if (index.nullsNotDistinct) out.nulls_not_distinct = true;
  if (index.comment !== undefined) out.comment = index.comment;
  // Key `name` first reads best.
  const { name, ...rest } = out;
  return name === undefined ? rest : { name, ...rest };
}

function policySpec(policy: Policy): PolicySpec {
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
  const out: Mutable<TriggerSpec> = { [timing]: events, function: specRefOfKey(trigger.function) } as Mutable<TriggerSpec>;
  if (trigger.updateOf.length > 0) out.update_of = [...trigger.updateOf];
  if (trigger.forEach !== 'row') out.for_each = trigger.forEach;
  if (trigger.when !== undefined) out.when = stripOuterParens(trigger.when);
  if (trigger.args.length > 0) out.args = [...trigger.args];
  if (trigger.comment !== undefined) out.comment = trigger.comment;
  const { function: fn, ...rest } = out;
  return { ...rest, function: fn } as TriggerSpec;
}

const sorted = <T>(record: Readonly<Record<string, T>>): T[] =>
  Object.keys(record)
    .sort()
    .map((key) => record[key]!);

export function tableSpec(table: Table, primaryKeyOf: PrimaryKeyLookup, isEnum: (type: string) => boolean = () => false): TableSpec {
  const constraints = sorted(table.constraints);
  const pk = constraints.find((c) => c.kind === 'primary_key');
  const pkOnColumn =
    pk && pk.columns.length === 1 && pk.name === defaultPrimaryKeyName(table.name) && !pk.deferrable && pk.comment === undefined;
  const columnUnique = new Set<string>();
  const columnReferences = new Map<string, Constraint>();
  const unique: Record<string, NonNullable<TableSpec['unique']>[string]> = {};
  const checks: Record<string, string> = {};
  const foreignKeys: Record<string, ForeignKeySpec> = {};
  for (const c of constraints) {
    if (c.kind === 'unique') {
      if (c.columns.length === 1 && c.name === defaultUniqueName(table.name, c.columns) && !c.deferrable && c.comment === undefined && !c.definition.includes('NULLS NOT DISTINCT') && !columnUnique.has(c.columns[0]!)) {
        columnUnique.add(c.columns[0]!);
      } else {
        unique[c.name] = c.definition.includes('NULLS NOT DISTINCT')
          ? { columns: [...c.columns], nulls_not_distinct: true }
          : [...c.columns];
      }
    } else if (c.kind === 'check') {
      checks[c.name] = stripOuterParens(c.check ?? c.definition.replace(/^CHECK /, ''));
    } else if (c.kind === 'foreign_key') {
      if (isColumnForeignKey(c) && !columnReferences.has(c.columns[0]!)) columnReferences.set(c.columns[0]!, c);
      else foreignKeys[c.name] = foreignKeySpec(c, primaryKeyOf);
    }
  }

  const pkColumns = new Set(pk?.columns ?? []);
  const columns: Record<string, ColumnSpec> = {};
  for (const column of table.columns) {
    const out: Mutable<ColumnSpec> = { type: shortType(column.type) };
    const isPk = pkColumns.has(column.name);
    if (column.notNull && !isPk && column.identity === undefined) out.not_null = true;
    if (pkOnColumn && isPk) out.primary_key = true;
    if (columnUnique.has(column.name)) out.unique = true;
    const ref = columnReferences.get(column.name);
    if (ref) out.references = referencesSpec(table, ref, primaryKeyOf);
    if (column.identity !== undefined) out.identity = column.identity;
    if (column.generated !== undefined) out.generated = stripOuterParens(column.generated);
    const value = columnDefault(column, isEnum);
    if (value !== undefined) out.default = value;
    if (column.collation !== undefined) out.collation = column.collation;
    if (column.comment !== undefined) out.comment = column.comment;
    columns[column.name] = out;
  }

  // A partition takes its columns from its parent.
  const ownColumns = table.partitionOf ? {} : columns;
  const out: Mutable<TableSpec> = table.comment !== undefined ? { comment: table.comment, columns: ownColumns } : { columns: ownColumns };
  if (pk && !pkOnColumn) out.primary_key = pk.name === defaultPrimaryKeyName(table.name) ? [...pk.columns] : { name: pk.name, columns: [...pk.columns] };
  if (Object.keys(unique).length > 0) out.unique = unique;
  if (Object.keys(checks).length > 0) out.checks = checks;
  if (Object.keys(foreignKeys).length > 0) out.foreign_keys = foreignKeys;
  const indexes = sorted(table.indexes).map((index) => indexSpec(table, index));
  if (indexes.length > 0) out.indexes = indexes;
  if (table.partitionBy !== undefined) out.partition_by = table.partitionBy;
  if (table.partitionOf !== undefined) out.partition_of = { table: specRefOfKey(table.partitionOf.parent), bound: table.partitionOf.bound };
  if (table.rls) out.rls = true;
  if (table.forceRls) out.force_rls = true;
  const grants = grantsSpec(table.grants);
  if (grants) out.grants = grants;
  const policies = Object.fromEntries(Object.keys(table.policies).sort().map((name) => [name, policySpec(table.policies[name]!)]));
  if (Object.keys(policies).length > 0) out.policies = policies;
  const triggers = Object.fromEntries(Object.keys(table.triggers).sort().map((name) => [name, triggerSpec(table.triggers[name]!)]));
  if (Object.keys(triggers).length > 0) out.triggers = triggers;
  return out;
}
