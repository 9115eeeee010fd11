/** Canonical form of a Catalog: object keys sorted at every depth, so equal schemas serialize equally. */
import { createHash } from 'node:crypto';
import type { Catalog } from './types.js';

/**
 * The value with object keys sorted at every depth and undefined members dropped. What is already
 * in order is returned as it is, not copied: a catalog read by introspection passes through
 * without a single allocation beyond the key lists.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const child = sortKeys(value[i]);
      if (child !== value[i] && !out) out = value.slice(0, i);
      out?.push(child);
    }
    return out ?? value;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    let inOrder = true;
    for (let i = 1; i < keys.length && inOrder; i++) inOrder = keys[i - 1]! < keys[i]!;
    const order = inOrder ? keys : keys.sort();
    const source = value as Record<string, unknown>;
    // A copy is started at the first key whose child changes or is dropped (or at once, out of order).
    let out: Record<string, unknown> | undefined = inOrder ? undefined : {};
    for (let i = 0; i < order.length; i++) {
      const child = source[order[i]!];
      const next = child === undefined ? undefined : sortKeys(child);
      if (!out && (next !== child || child === undefined)) {
        out = {};
        for (let j = 0; j < i; j++) out[order[j]!] = source[order[j]!];
      }
      if (out && next !== undefined) out[order[i]!] = next;
    }
    return out ?? value;
  }
  return value;
}

export function normalizeCatalog(catalog: Catalog): Catalog {
  return sortKeys(catalog) as Catalog;
}

/**
 * `sha256:<hex>` over the catalog's JSON as it stands. Catalogs in canonical key order (as
 * introspection and normalizeCatalog give them) have equal fingerprints exactly when they are equal;
 * one out of order only fails to match.
 */
export function catalogFingerprint(catalog: Catalog): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(catalog)).digest('hex')}`;
}

/** Deterministic JSON of a catalog (sorted keys, two-space indent, trailing newline). */
export function catalogJson(catalog: Catalog): string {
  return `${JSON.stringify(sortKeys(catalog), null, 2)}\n`;
}

/**
 * `sha256:<hex>` over the canonical catalog. Fields that vary by server version or by build
 * (a function's full `definition` text) are left out, so one schema hashes the same on 15, 17 and 18.
 */
export function catalogHash(catalog: Catalog): string {
  const stable = {
    ...catalog,
    functions: Object.fromEntries(
      Object.entries(catalog.functions).map(([key, fn]) => {
        const { definition: _definition, ...rest } = fn;
        return [key, rest];
      }),
    ),
  };
  return `sha256:${createHash('sha256').update(JSON.stringify(sortKeys(stable))).digest('hex')}`;
}
