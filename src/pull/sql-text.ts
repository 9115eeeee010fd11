/**
 * Pure: Postgres's deparsed text made readable the way a person writes it, without changing what
 * it means (Postgres normalizes it back to the same text when the spec is applied).
 */
import type { Column } from '../catalog/types.js';
import type { JsonValue, SqlValue } from '../spec/types.js';

/** Reference to a schema-scoped object as the spec writes it: `name` in public, else `schema.name`; parts with dots or quotes are double-quoted. */
export function specRef(schema: string, name: string): string {
  const part = (text: string): string =>
    text === '' || text.includes('.') || text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;
  return schema === 'public' ? part(name) : `${part(schema)}.${part(name)}`;
}

/** A catalog key (`schema.name`, unquoted, schema without dots) as a spec reference. */
export function specRefOfKey(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? specRef('public', key) : specRef(key.slice(0, dot), key.slice(dot + 1));
}

const SHORT_TYPES: readonly [RegExp, string][] = [
  [/^timestamp(\(\d+\))? with time zone/, 'timestamptz$1'],
  [/^timestamp(\(\d+\))? without time zone/, 'timestamp$1'],
  [/^time(\(\d+\))? with time zone/, 'timetz$1'],
  [/^time(\(\d+\))? without time zone/, 'time$1'],
  [/^character varying/, 'varchar'],
  [/^character(?=\(|\[|$)/, 'char'],
  [/^bit varying/, 'varbit'],
];

/** Short forms of types seen before: a schema of thousands of columns holds a few dozen types. */
const shortTypes = new Map<string, string>();
const SHORT_TYPES_CACHE_MAX = 10_000;

/** `format_type` text in its short form: `timestamptz`, `varchar(20)`, `mood` (public types unqualified). */
export function shortType(type: string): string {
  let short = shortTypes.get(type);
  if (short === undefined) {
    short = shortTypeOf(type);
    if (shortTypes.size < SHORT_TYPES_CACHE_MAX) shortTypes.set(type, short);
  }
  return short;
}

function shortTypeOf(type: string): string {
  for (const [pattern, replacement] of SHORT_TYPES) {
    if (pattern.test(type)) return type.replace(pattern, replacement);
  }
  const publicType = /^public\.((?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")(?:\[\])*)$/.exec(type);
  return publicType ? publicType[1]! : type;
}

/** Drops one pair of parentheses around the whole text, when they match each other. */
export function stripOuterParens(text: string): string {
  const t = text.trim();
  if (!t.startsWith('(') || !t.endsWith(')')) return t;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === "'" || ch === '"') {
      i = closingQuote(t, i);
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0 && i < t.length - 1) return t;
    }
  }
  return t.slice(1, -1).trim();
}

function closingQuote(text: string, start: number): number {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        i++;
        continue;
      }
      return i;
    }
  }
  return text.length;
}

/** `'text'::type` as its parts, when the whole expression is one cast string literal. */
function castLiteral(expr: string): { literal: string; type: string } | undefined {
  const match = /^'((?:[^']|'')*)'::(.+)$/s.exec(expr);
  return match ? { literal: match[1]!.replaceAll("''", "'"), type: match[2]! } : undefined;
}

/** The type without its type modifier: `character varying(20)` -> `character varying`, `numeric(10,2)[]` -> `numeric[]`. */
function withoutTypmod(type: string): string {
  return type.replace(/\([^)]*\)/g, '').replace(/\s+(?=with|without)/, ' ');
}

const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint']);

/** JSON whose numbers are all safe integers (so a YAML map/list re-serializes to the same jsonb). */
function isPlainJson(value: unknown): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value === 'object') return Object.values(value as object).every(isPlainJson);
  return false;
}

/** A column default as a person writes it: `now()`, `false`, `0`, `'draft'`, a YAML map for jsonb. */
export function readableDefault(expr: string, columnType: string): SqlValue {
  if (expr === 'true') return true;
  if (expr === 'false') return false;
  if (/^-?\d{1,15}$/.test(expr)) return Number(expr);
  const cast = castLiteral(expr);
  if (!cast) return expr;
  const baseType = withoutTypmod(columnType);
  if (cast.type === 'jsonb' && baseType === 'jsonb') {
    try {
      const parsed: unknown = JSON.parse(cast.literal);
      if (parsed !== null && typeof parsed === 'object' && isPlainJson(parsed)) return parsed;
    } catch {
      // not JSON: keep the expression
    }
    return expr;
  }
  if (cast.type !== baseType) return expr;
  if (INTEGER_TYPES.has(baseType) && /^-?\d{1,15}$/.test(cast.literal)) return Number(cast.literal);
  return `'${cast.literal.replaceAll("'", "''")}'`;
}

/**
 * The column's default (absent for identity and generated columns). On an enum column
 * (`isEnum(type)`), a value of the enum is written bare: `default: draft`.
 */
export function columnDefault(column: Column, isEnum: (type: string) => boolean = () => false): SqlValue | undefined {
  if (column.default === undefined) return undefined;
  if (isEnum(column.type)) {
    const cast = castLiteral(column.default);
    if (cast && cast.type === column.type) return cast.literal;
  }
  return readableDefault(column.default, column.type);
}

/**
 * An index key element as the spec writes it: a column name (with its operator class and
 * ordering), or an expression in parentheses: `lower(email) text_pattern_ops` -> `(lower(email)) text_pattern_ops`.
 */
export function indexKeySpec(key: string): string {
  const call = /^[A-Za-z_][A-Za-z0-9_$.]*\(/.exec(key);
  if (!call) return key;
  let depth = 0;
  for (let i = call[0].length - 1; i < key.length; i++) {
    const ch = key[i]!;
    if (ch === "'" || ch === '"') {
      i = closingQuote(key, i);
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return `(${key.slice(0, i + 1)})${key.slice(i + 1)}`;
  }
  return key;
}
