/** Spec composite types (`types:`) -> draft catalog objects. */
import type { CompositeType } from '../catalog/types.js';
import { renderType, type SpecIndex } from './spec-index.js';
import type { CompositeTypeSpec } from './types.js';

export function toComposite(schema: string, name: string, t: CompositeTypeSpec, index: SpecIndex): CompositeType {
  return {
    schema,
    name,
    attributes: Object.entries(t.attributes).map(([attribute, type]) => ({ name: attribute, type: renderType(type, index) })),
    ...(t.comment !== undefined ? { comment: t.comment } : {}),
  };
}
