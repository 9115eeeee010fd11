/** The spec's `publications:` from the catalog's publications (defaults left out, `null` when all are). */
import type { Publication } from '../catalog/types.js';
import type { PublicationObjectSpec } from '../spec/types.js';
import { nameRecord } from '../util/object-keys.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function publicationSpecs(publications: Readonly<Record<string, Publication>>): Record<string, PublicationObjectSpec | null> {
  const out: Record<string, PublicationObjectSpec | null> = nameRecord();
  for (const p of Object.values(publications)) {
    const spec: Mutable<PublicationObjectSpec> = {};
    if (p.publish !== undefined) spec.publish = [...p.publish];
    if (p.viaPartitionRoot) spec.publish_via_partition_root = true;
    if (p.schemas !== undefined) spec.schemas = [...p.schemas];
    if (p.owner !== undefined) spec.owner = p.owner;
    if (p.comment !== undefined) spec.comment = p.comment;
    out[p.name] = Object.keys(spec).length > 0 ? spec : null;
  }
  return out;
}
