/**
 * `enforce_shape: true`: a column's shape as a CHECK expression in plain SQL (`jsonb_typeof`, `?`,
 * `?&`, `-`, and a jsonpath for array items), so the database refuses values that break it. The
 * planner adds it to an existing table NOT VALID, then VALIDATE. What plain SQL cannot say without
 * a subquery (a shape for additional properties, shapes of items beyond their type) stays with
 * `schema check --data`. A NULL column passes (nullability is `not_null`'s).
 */
import { quoteIdent, quoteLiteral } from '../catalog/names.js';
import type { JsonShape, JsonShapeType } from './types.js';

/** The CHECK expression of `column` (a json or jsonb column) against `shape`. */
export function shapeCheckExpression(column: string, kind: 'json' | 'jsonb', shape: JsonShape): string {
  const value = kind === 'jsonb' ? quoteIdent(column) : `${quoteIdent(column)}::jsonb`;
  return conjunction(shapeConditions(value, shape)) ?? 'true';
}

/** Default constraint name: `<table>_<column>_shape`, shortened like PostgreSQL's names to 63 bytes. */
export function shapeCheckName(table: string, column: string): string {
  const name = `${table}_${column}_shape`;
  return Buffer.byteLength(name) <= 63 ? name : `${table.slice(0, 20)}_${column.slice(0, 30)}_shape`;
}

const conjunction = (parts: readonly string[]): string | undefined => (parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' AND '));

function typeCondition(value: string, t: JsonShapeType): string {
  if (t === 'integer') return `jsonb_typeof(${value}) = 'number' AND (CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric % 1 = 0 ELSE false END)`;
  return `jsonb_typeof(${value}) = ${quoteLiteral(t)}`;
}

function shapeConditions(value: string, shape: JsonShape): string[] {
  const out: string[] = [];
  const types = shape.type === undefined ? [] : Array.isArray(shape.type) ? (shape.type as JsonShapeType[]) : [shape.type as JsonShapeType];
  if (types.length === 1) out.push(typeCondition(value, types[0]!));
  else if (types.length > 1) out.push(types.map((t) => `(${typeCondition(value, t)})`).join(' OR '));
  if (shape.enum && shape.enum.length > 0) out.push(`${value} IN (${shape.enum.map((v) => `${quoteLiteral(JSON.stringify(v))}::jsonb`).join(', ')})`);
  const objectOnly = (conditions: readonly string[]): string | undefined => {
    const body = conjunction(conditions);
    // Object keywords constrain objects only (JSON Schema): other types pass them.
    return body === undefined ? undefined : `jsonb_typeof(${value}) <> 'object' OR (${body})`;
  };
  const objectParts: string[] = [];
  const required = shape.required ?? [];
  if (required.length > 0) objectParts.push(`${value} ?& ARRAY[${required.map(quoteLiteral).join(', ')}]::text[]`);
  for (const [name, prop] of Object.entries(shape.properties ?? {})) {
    const inner = conjunction(shapeConditions(`(${value} -> ${quoteLiteral(name)})`, prop));
    if (inner !== undefined) objectParts.push(`NOT ${value} ? ${quoteLiteral(name)} OR (${inner})`);
  }
  if (shape.additionalProperties === false) {
    const names = Object.keys(shape.properties ?? {});
    objectParts.push(names.length === 0 ? `${value} = '{}'::jsonb` : `(${value} - ARRAY[${names.map(quoteLiteral).join(', ')}]::text[]) = '{}'::jsonb`);
  }
  const objects = objectOnly(objectParts);
  if (objects !== undefined) out.push(objects);
  const itemTypes = shape.items?.type === undefined ? [] : Array.isArray(shape.items.type) ? (shape.items.type as JsonShapeType[]) : [shape.items.type as JsonShapeType];
  if (itemTypes.length > 0) {
    // jsonpath's type() names integers "number"; the item's integer-ness is left to check --data.
    const allowed = [...new Set(itemTypes.map((t) => (t === 'integer' ? 'number' : t)))];
    const path = `$[*] ? (${allowed.map((t) => `@.type() != "${t}"`).join(' && ')})`;
    out.push(`jsonb_typeof(${value}) <> 'array' OR NOT jsonb_path_exists(${value}, ${quoteLiteral(path)}::jsonpath)`);
  }
  return out;
}
