/** A publication from the platform query's JSON (platform.sql): options, schemas, owner, comment. */
import { PUBLISH_OPERATIONS, type Publication } from '../types.js';

type R = Record<string, unknown>;

export function publicationOf(row: R): Publication {
  const publish = PUBLISH_OPERATIONS.filter((op) => row[op] === true);
  const schemas = Array.isArray(row['schemas']) ? row['schemas'].map(String).sort() : [];
  const out: Record<string, unknown> = {};
  if (typeof row['comment'] === 'string') out['comment'] = row['comment'];
  out['name'] = String(row['name']);
  if (typeof row['owner'] === 'string') out['owner'] = row['owner'];
  if (publish.length < PUBLISH_OPERATIONS.length) out['publish'] = publish;
  if (schemas.length > 0) out['schemas'] = schemas;
  if (row['via_root'] === true) out['viaPartitionRoot'] = true;
  return out as unknown as Publication;
}

/** The record with its keys sorted (catalogs are key-sorted). */
export function sortedKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
