/**
 * JSONB `shape:` values as JSON Schema, checked with ajv: defaults against their shapes at validate
 * time, rows against the column's shape by `schema check --data`. `renamed_from` is the spec's own
 * keyword (a property's previous name) and means nothing to the check.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { JsonShape, JsonValue } from './types.js';

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** A validator for one shape (cached by its JSON text). */
export function shapeValidator(shape: JsonShape): ValidateFunction {
  const key = JSON.stringify(shape);
  let validate = compiled.get(key);
  if (!validate) {
    // Not strict: a shape is the user's, already checked against the spec's JSON Schema, and its
    // semantic slips (a required name not among the properties) are validation findings, not crashes.
    ajv ??= new Ajv2020({ allErrors: false, strict: false, allowUnionTypes: true }).addKeyword({ keyword: 'renamed_from', schemaType: 'string' });
    validate = ajv.compile({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...shape } as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** The first problem of `value` against `shape`, as one line (`/theme: must be string`), or undefined when it matches. */
export function shapeProblem(shape: JsonShape, value: JsonValue): string | undefined {
  const validate = shapeValidator(shape);
  if (validate(value)) return undefined;
  const e = validate.errors?.[0];
  if (!e) return 'does not match';
  // The property at fault, where ajv names it apart from the message.
  const params = e.params as { additionalProperty?: string; missingProperty?: string };
  const named = params.additionalProperty !== undefined ? ` (${JSON.stringify(params.additionalProperty)})` : '';
  return `${e.instancePath || '(the value)'}: ${e.message ?? 'does not match'}${named}`;
}

/** Every (property path, shape) below `shape`, the shape itself first with path []. */
export function shapeNodes(shape: JsonShape, path: readonly string[] = []): { readonly path: readonly string[]; readonly shape: JsonShape }[] {
  const out = [{ path, shape }];
  for (const [name, prop] of Object.entries(shape.properties ?? {})) out.push(...shapeNodes(prop, [...path, 'properties', name]));
  if (shape.items) out.push(...shapeNodes(shape.items, [...path, 'items']));
  if (typeof shape.additionalProperties === 'object') out.push(...shapeNodes(shape.additionalProperties, [...path, 'additionalProperties']));
  return out;
}
