/** Name resolution over a Spec: qualified keys of every declared object, user types, column types. */
import { parseQualifiedReference, qualifiedName, quoteLiteral, quoteQualified } from '../catalog/names.js';
import type { ExternalTableSpec, FunctionSpec, SqlValue, Spec, TableSpec } from './types.js';

export interface SpecIndex {
  /** Qualified key -> the spec entry (with the key the user wrote). */
  readonly tables: ReadonlyMap<string, { readonly specKey: string; readonly table: TableSpec }>;
  readonly enums: ReadonlyMap<string, readonly string[]>;
  readonly domains: ReadonlySet<string>;
  /** Composite types (`types:`). */
  readonly composites: ReadonlySet<string>;
  readonly functions: ReadonlyMap<string, { readonly specKey: string; readonly fn: FunctionSpec }>;
  readonly external: ReadonlyMap<string, ExternalTableSpec | null>;
  readonly views: ReadonlySet<string>;
}

/** `auth.users` -> `auth.users`, `profiles` -> `public.profiles`, `"A b"."c"` -> `A b.c`; undefined when malformed. */
export function refKey(text: string): string | undefined {
  const ref = parseQualifiedReference(text.trim());
  return ref ? qualifiedName(ref.schema, ref.name) : undefined;
}

export function refParts(text: string): { schema: string; name: string } {
  return parseQualifiedReference(text.trim()) ?? { schema: 'public', name: text };
}

export const enumValues = (value: readonly string[] | { readonly values: readonly string[] }): readonly string[] =>
  Array.isArray(value) ? value : (value as { values: readonly string[] }).values;

export function indexSpec(spec: Spec): SpecIndex {
  const keyed = <T>(record: Readonly<Record<string, T>> | undefined): [string, string, T][] =>
    Object.entries(record ?? {}).map(([name, value]) => [refKey(name) ?? name, name, value]);
  return {
    tables: new Map(keyed(spec.tables).map(([key, specKey, table]) => [key, { specKey, table }])),
    enums: new Map(keyed(spec.enums).map(([key, , value]) => [key, enumValues(value)])),
    domains: new Set(keyed(spec.domains).map(([key]) => key)),
    composites: new Set(keyed(spec.types).map(([key]) => key)),
    functions: new Map(keyed(spec.functions).map(([key, specKey, fn]) => [key, { specKey, fn }])),
    external: new Map(keyed(spec.external).map(([key, , value]) => [key, value])),
    views: new Set(keyed(spec.views).map(([key]) => key)),
  };
}

/** Splits `kind[][]` into the base name and the array suffix. */
function splitArray(type: string): { base: string; suffix: string } {
  const match = /^(.*?)((?:\s*\[\s*\d*\s*\])*)$/s.exec(type.trim())!;
  return { base: match[1]!.trim(), suffix: match[2]!.replace(/\s+/g, '') };
}

/** Qualified key of the spec enum/domain/table a column type names (`notification_kind[]` too), if any. */
export function userTypeKey(type: string, index: SpecIndex): string | undefined {
  const { base } = splitArray(type);
  const key = refKey(base);
  if (key === undefined) return undefined;
  return index.enums.has(key) || index.domains.has(key) || index.composites.has(key) || index.tables.has(key) ? key : undefined;
}

/** Column type text for the draft: spec types qualified and quoted, built-in types as written. */
export function renderType(type: string, index: SpecIndex): string {
  const key = userTypeKey(type, index);
  if (key === undefined) return type.trim();
  const { base, suffix } = splitArray(type);
  const { schema, name } = refParts(base);
  return `${quoteQualified(schema, name)}${suffix}`;
}

const JSON_TYPES = /^(?:pg_catalog\.)?(jsonb?)$/i;

/** `json`/`jsonb` for those column types, else undefined. */
export function jsonKind(type: string): 'json' | 'jsonb' | undefined {
  const match = JSON_TYPES.exec(type.trim());
  return match ? (match[1]!.toLowerCase() as 'json' | 'jsonb') : undefined;
}

/**
 * The DEFAULT expression of a column: strings are SQL; booleans and numbers their text; a map or
 * list on json/jsonb that JSON; an enum value on an enum column that value, cast to the enum.
 */
export function renderDefault(value: SqlValue | undefined, type: string, index: SpecIndex): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'object') return `${quoteLiteral(JSON.stringify(value))}::${jsonKind(type) ?? 'jsonb'}`;
  const enumKey = userTypeKey(type, index);
  const values = enumKey !== undefined && splitArray(type).suffix === '' ? index.enums.get(enumKey) : undefined;
  if (values?.includes(value)) {
    const { schema, name } = refParts(splitArray(type).base);
    return `${quoteLiteral(value)}::${quoteQualified(schema, name)}`;
  }
  return value;
}

/** True when `value` is an enum value used as the default of an enum column (not an SQL expression). */
export function isEnumValueDefault(value: unknown, type: string, index: SpecIndex): boolean {
  if (typeof value !== 'string') return false;
  const key = userTypeKey(type, index);
  return key !== undefined && splitArray(type).suffix === '' && (index.enums.get(key)?.includes(value) ?? false);
}

/** Primary key columns of a spec table (column flags or the table-level key). */
export function primaryKeyColumns(table: TableSpec): readonly string[] {
  if (table.primary_key) return Array.isArray(table.primary_key) ? table.primary_key : (table.primary_key as { columns: readonly string[] }).columns;
  return Object.entries(table.columns ?? {})
    .filter(([, c]) => c.primary_key)
    .map(([name]) => name);
}

/**
 * The object a finding's spec path is about (`tables/<key>/columns/<column>/...`): the spec key of
 * its table or domain and, under `columns/`, the column. Names may hold `/`, so keys are matched
 * against the spec's own, not split out of the path.
 */
export function pathSubject(path: string, spec: Spec): { readonly section: 'tables' | 'domains'; readonly specKey: string; readonly column?: string } | undefined {
  for (const section of ['tables', 'domains'] as const) {
    for (const specKey of Object.keys(spec[section] ?? {})) {
      const prefix = `${section}/${specKey}`;
      if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
      const rest = path.slice(prefix.length + 1);
      if (section === 'tables' && rest.startsWith('columns/')) return { section, specKey, column: rest.slice('columns/'.length).split('/')[0]! };
      return { section, specKey };
    }
  }
  return undefined;
}
