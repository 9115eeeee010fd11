/** Semantic checks of a column's `shape:`: on json/jsonb only, `required` names declared, defaults that match. */
import type { CheckContext } from './check-context.js';
import { shapeNodes, shapeProblem } from './json-shape.js';
import { jsonKind } from './spec-index.js';
import type { ColumnSpec, JsonValue } from './types.js';

export function checkShapeOfColumn(ctx: CheckContext, path: readonly (string | number)[], c: ColumnSpec): void {
  if (c.enforce_shape && c.shape === undefined) ctx.error([...path, 'enforce_shape'], 'invalid-shape', '`enforce_shape` needs a `shape` to enforce', 'declare the shape, or remove enforce_shape');
  if (c.shape === undefined) return;
  const at = [...path, 'shape'];
  if (!jsonKind(c.type)) {
    ctx.error(at, 'invalid-shape', `a shape describes json/jsonb values; this column is ${c.type}`, 'remove `shape`, or make the column jsonb');
    return;
  }
  if (c.shape.renamed_from !== undefined) ctx.error([...at, 'renamed_from'], 'invalid-shape', '`renamed_from` belongs on a property of the shape, not on the shape itself', 'move it under `properties: { <new name>: { renamed_from: <old name> } }`');
  for (const node of shapeNodes(c.shape)) {
    const here = [...at, ...node.path];
    const declared = node.shape.properties ? new Set(Object.keys(node.shape.properties)) : undefined;
    for (const name of node.shape.required ?? []) {
      if (declared && !declared.has(name)) ctx.error([...here, 'required'], 'invalid-shape', `required property "${name}" is not among the properties`, `declare it under properties, or remove it from required`);
    }
    for (const [name, prop] of Object.entries(node.shape.properties ?? {})) {
      if (prop.default === undefined) continue;
      const problem = shapeProblem(prop, prop.default);
      if (problem) ctx.error([...here, 'properties', name, 'default'], 'invalid-shape', `the default of property "${name}" does not match its shape (${problem})`, 'change the default or the property type');
    }
    const renames = Object.entries(node.shape.properties ?? {}).filter(([, p]) => p.renamed_from !== undefined);
    for (const [name, prop] of renames) {
      if (declared?.has(prop.renamed_from!)) ctx.error([...here, 'properties', name, 'renamed_from'], 'invalid-shape', `property "${name}" is renamed from "${prop.renamed_from}", which is still declared`, 'remove the old property, or the renamed_from');
    }
  }
  if (c.default !== undefined && c.default !== null && typeof c.default === 'object') {
    const problem = shapeProblem(c.shape, c.default as JsonValue);
    if (problem) ctx.error([...path, 'default'], 'invalid-default', `the default does not match the column's shape (${problem})`, 'change the default or the shape');
  }
}
