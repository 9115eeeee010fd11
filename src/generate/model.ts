/**
 * What the app sees of a Spec, in one neutral model both generators render: tables with their
 * columns (resolved types, nullability, defaults), foreign keys, enums, views and functions.
 * Pure: the Spec alone, no database. Tables sorted by qualified key; columns in spec order.
 */
import { identityGeneration } from '../spec/identity.js';
import { qualifiedName } from '../catalog/names.js';
import { managedSchemas } from '../spec/to-catalog.js';
import { enumValues, indexSpec, type SpecIndex, jsonKind, primaryKeyColumns, refKey, refParts, renderDefault } from '../spec/spec-index.js';
import type { ColumnSpec, FunctionSpec, JsonShape, ReferentialActionSpec, Spec, TableSpec } from '../spec/types.js';
import { className } from './naming.js';
import { isSerial, parsePgType, type PgType, type TypeLookup } from './pg-types.js';

export interface AppColumn {
  readonly name: string;
  readonly type: PgType;
  /** NULL allowed (not `not_null`, not in the primary key). */
  readonly nullable: boolean;
  /** The server fills it when an INSERT omits it: a default, identity, serial or generated column. */
  readonly hasDefault: boolean;
  /** DEFAULT as SQL text, when the spec states one. */
  readonly defaultSql?: string;
  /** GENERATED ALWAYS AS (...) STORED expression: never written by the app. */
  readonly generated?: string;
  readonly identity?: 'always' | 'by default';
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly comment?: string;
  readonly shape?: JsonShape;
  /** For json/jsonb: `object` or `array` when the shape or the default says so. */
  readonly jsonContainer?: 'object' | 'array';
}

export interface AppForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  /** Qualified key of the referenced table. */
  readonly target: string;
  readonly targetColumns: readonly string[];
  readonly onDelete?: ReferentialActionSpec;
  readonly onUpdate?: ReferentialActionSpec;
  /** The referencing columns are the primary key or unique: at most one row per referenced row. */
  readonly oneToOne: boolean;
}

export interface AppTable {
  readonly key: string;
  readonly schema: string;
  readonly name: string;
  readonly className: string;
  readonly comment?: string;
  readonly columns: readonly AppColumn[];
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly AppForeignKey[];
}

export interface AppEnum {
  readonly key: string;
  readonly schema: string;
  readonly name: string;
  readonly values: readonly string[];
}

export interface AppFunction {
  readonly schema: string;
  readonly name: string;
  readonly args: readonly { readonly name: string; readonly type: PgType; readonly optional: boolean }[];
  /** Undefined for `void`. */
  readonly returns?: PgType;
  readonly returnsSet: boolean;
}

export interface AppModel {
  readonly schemas: readonly string[];
  readonly tables: readonly AppTable[];
  readonly enums: readonly AppEnum[];
  readonly views: readonly { readonly schema: string; readonly name: string }[];
  readonly functions: readonly AppFunction[];
  /** Referenced tables outside the spec (e.g. `auth.users`): key -> referenced columns with their types. */
  readonly external: ReadonlyMap<string, ReadonlyMap<string, PgType>>;
}

const byKey = <T extends { key: string }>(a: T, b: T): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function appModel(spec: Spec): AppModel {
  const index = indexSpec(spec);
  const lookup: TypeLookup = {
    enums: index.enums,
    domains: new Map(Object.entries(spec.domains ?? {}).map(([name, d]) => [refKey(name) ?? name, d.type])),
  };
  const names = new Map<string, number>();
  for (const key of index.tables.keys()) {
    const cls = className(refParts(index.tables.get(key)!.specKey).name);
    names.set(cls, (names.get(cls) ?? 0) + 1);
  }
  const external = new Map<string, Map<string, PgType>>();
  const tables = [...index.tables.entries()].map(([key, { specKey, table }]) => {
    const { schema, name } = refParts(specKey);
    let cls = className(name);
    if ((names.get(cls) ?? 0) > 1) cls = className(`${schema}_${name}`);
    return toAppTable(key, schema, name, cls, table, lookup, index, external);
  });
  tables.sort(byKey);
  const enums = [...Object.entries(spec.enums ?? {})].map(([name, value]) => {
    const { schema, name: bare } = refParts(name);
    return { key: qualifiedName(schema, bare), schema, name: bare, values: enumValues(value) };
  });
  enums.sort(byKey);
  const views = Object.keys(spec.views ?? {})
    .map((name) => refParts(name))
    .sort((a, b) => (qualifiedName(a.schema, a.name) < qualifiedName(b.schema, b.name) ? -1 : 1));
  const functions = Object.entries(spec.functions ?? {})
    .flatMap(([name, fn]) => toAppFunction(name, fn, lookup))
    .sort((a, b) => (qualifiedName(a.schema, a.name) < qualifiedName(b.schema, b.name) ? -1 : 1));
  const schemas = [...new Set([...managedSchemas(spec), ...tables.map((t) => t.schema), ...enums.map((e) => e.schema)])].sort();
  return { schemas, tables, enums, views, functions, external };
}

function toAppTable(
  key: string,
  schema: string,
  name: string,
  cls: string,
  table: TableSpec,
  lookup: TypeLookup,
  index: SpecIndex,
  external: Map<string, Map<string, PgType>>,
): AppTable {
  const tables = index.tables;
  const pk = primaryKeyColumns(table);
  const uniqueSets = [
    ...Object.entries(table.columns).filter(([, c]) => c.unique).map(([n]) => [n]),
    ...Object.values(table.unique ?? {}).map((u) => (Array.isArray(u) ? u : (u as { columns: readonly string[] }).columns)),
    pk,
  ];
  const isUniqueSet = (cols: readonly string[]): boolean =>
    uniqueSets.some((set) => set.length > 0 && set.every((c) => cols.includes(c)));
  const columns = Object.entries(table.columns).map(([colName, c]) => toAppColumn(colName, c, pk.includes(colName), lookup, index));
  const foreignKeys: AppForeignKey[] = [];
  const targetKey = (text: string): string => refKey(text) ?? text;
  const targetPk = (target: string): readonly string[] => {
    const t = tables.get(target);
    return t ? primaryKeyColumns(t.table) : ['id'];
  };
  for (const [colName, c] of Object.entries(table.columns)) {
    if (!c.references) continue;
    const target = targetKey(c.references.table);
    const targetColumns = [c.references.column ?? targetPk(target)[0] ?? 'id'];
    foreignKeys.push({
      name: c.references.name ?? `${name}_${colName}_fkey`,
      columns: [colName],
      target,
      targetColumns,
      ...(c.references.on_delete ? { onDelete: c.references.on_delete } : {}),
      ...(c.references.on_update ? { onUpdate: c.references.on_update } : {}),
      oneToOne: isUniqueSet([colName]),
    });
  }
  for (const [fkName, fk] of Object.entries(table.foreign_keys ?? {})) {
    const target = targetKey(fk.references.table);
    foreignKeys.push({
      name: fkName,
      columns: fk.columns,
      target,
      targetColumns: fk.references.columns ?? targetPk(target),
      ...(fk.on_delete ? { onDelete: fk.on_delete } : {}),
      ...(fk.on_update ? { onUpdate: fk.on_update } : {}),
      oneToOne: isUniqueSet(fk.columns),
    });
  }
  foreignKeys.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const fk of foreignKeys) {
    if (tables.has(fk.target)) continue;
    const cols = external.get(fk.target) ?? new Map<string, PgType>();
    fk.targetColumns.forEach((col, i) => {
      const from = columns.find((c) => c.name === fk.columns[i]);
      if (from && !cols.has(col)) cols.set(col, from.type);
    });
    external.set(fk.target, cols);
  }
  return {
    key,
    schema,
    name,
    className: cls,
    ...(table.comment !== undefined ? { comment: table.comment } : {}),
    columns,
    primaryKey: pk,
    foreignKeys,
  };
}

function toAppColumn(name: string, c: ColumnSpec, inPk: boolean, lookup: TypeLookup, index: SpecIndex): AppColumn {
  const type = parsePgType(c.type, lookup);
  const defaultSql = renderDefault(c.default, c.type, index);
  const container = jsonContainerOf(c, type);
  return {
    name,
    type,
    nullable: !(c.not_null || c.primary_key || inPk) && c.identity === undefined,
    hasDefault: defaultSql !== undefined || c.identity !== undefined || c.generated !== undefined || isSerial(c.type),
    ...(defaultSql !== undefined ? { defaultSql } : {}),
    ...(c.generated !== undefined ? { generated: c.generated } : {}),
    ...(c.identity !== undefined ? { identity: identityGeneration(c.identity)! } : {}),
    primaryKey: Boolean(c.primary_key) || inPk,
    unique: Boolean(c.unique),
    ...(c.comment !== undefined ? { comment: c.comment } : {}),
    ...(c.shape !== undefined ? { shape: c.shape } : {}),
    ...(container ? { jsonContainer: container } : {}),
  };
}

/** Object or array, from the shape's type, else the default (a YAML map/list, or `'{}'::jsonb` text). */
function jsonContainerOf(c: ColumnSpec, type: PgType): 'object' | 'array' | undefined {
  if (jsonKind(c.type) === undefined && type.kind !== 'json' && type.kind !== 'jsonb') return undefined;
  if (type.dims > 0) return undefined;
  const shapeType = c.shape?.type;
  if (shapeType === 'object' || shapeType === 'array') return shapeType;
  const d = c.default;
  if (Array.isArray(d)) return 'array';
  if (d !== null && typeof d === 'object') return 'object';
  if (typeof d === 'string') {
    const literal = /^\s*'(.*)'\s*(?:::\s*jsonb?)?\s*$/is.exec(d);
    const text = literal ? literal[1]!.replaceAll("''", "'").trim() : undefined;
    if (text?.startsWith('{')) return 'object';
    if (text?.startsWith('[')) return 'array';
  }
  return undefined;
}

function toAppFunction(name: string, fn: FunctionSpec, lookup: TypeLookup): AppFunction[] {
  const { schema, name: bare } = refParts(name.replace(/\(.*$/s, ''));
  const returnsText = (fn.returns ?? 'void').trim();
  if (fn.procedure || /^(?:trigger|event_trigger)$/i.test(returnsText)) return [];
  const setof = /^setof\s+(.+)$/is.exec(returnsText);
  const table = /^table\s*\(/i.test(returnsText);
  const returns = table ? undefined : returnsText.toLowerCase() === 'void' ? undefined : parsePgType(setof ? setof[1]! : returnsText, lookup);
  const args: AppFunction['args'][number][] = [];
  const list = typeof fn.args === 'string' ? splitArgs(fn.args) : (fn.args ?? []);
  list.forEach((a, i) => {
    if (a.mode === 'out') return;
    args.push({ name: a.name ?? `arg${i}`, type: parsePgType(a.type, lookup), optional: a.default !== undefined });
  });
  return [{ schema, name: bare, args, ...(returns ? { returns } : {}), returnsSet: Boolean(setof) || table }];
}

/** `a integer, b text DEFAULT 'x'` -> named args (best effort: names and types, defaults marked). */
function splitArgs(text: string): { name?: string; type: string; mode?: 'in' | 'out' | 'inout' | 'variadic'; default?: string }[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current);
  return parts.map((part) => {
    const [decl, dflt] = part.split(/\s+default\s+|\s*=\s*/i);
    const words = decl!.trim().split(/\s+/);
    let mode: 'in' | 'out' | 'inout' | 'variadic' | undefined;
    if (/^(?:in|out|inout|variadic)$/i.test(words[0] ?? '')) mode = words.shift()!.toLowerCase() as typeof mode;
    const name = words.length > 1 ? words.shift() : undefined;
    return { ...(name ? { name } : {}), type: words.join(' '), ...(mode ? { mode } : {}), ...(dflt !== undefined ? { default: dflt } : {}) };
  });
}
