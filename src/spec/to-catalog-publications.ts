/** The spec's `publications:` as Catalog publications (options, FOR TABLES IN SCHEMA, owner, comment). */
import { PUBLISH_OPERATIONS, type Publication } from '../catalog/types.js';
import type { Spec } from './types.js';

export function toPublications(spec: Spec): Record<string, Publication> | undefined {
  if (spec.publications === undefined) return undefined;
  const out: Record<string, Publication> = {};
  for (const name of Object.keys(spec.publications).sort()) {
    const p = spec.publications[name] ?? {};
    const listed = new Set(p.publish ?? PUBLISH_OPERATIONS);
    const publish = PUBLISH_OPERATIONS.filter((op) => listed.has(op));
    const schemas = [...new Set(p.schemas ?? [])].sort();
    out[name] = {
      ...(p.comment !== undefined ? { comment: p.comment } : {}),
      name,
      ...(p.owner !== undefined ? { owner: p.owner } : {}),
      ...(publish.length < PUBLISH_OPERATIONS.length ? { publish } : {}),
      ...(schemas.length > 0 ? { schemas } : {}),
      ...(p.publish_via_partition_root === true ? { viaPartitionRoot: true as const } : {}),
    };
  }
  return out;
}
