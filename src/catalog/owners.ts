/** Owners in a Catalog: read only when a scope asks (Scope.owners), and left out where they do not count. */
import type { Catalog } from './types.js';

function strip<T extends { readonly owner?: string }>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => {
      if (value.owner === undefined) return [key, value];
      const { owner: _, ...rest } = value;
      return [key, rest as T];
    }),
  );
}

/**
 * The catalog without owners: a state hash is over what every role reads the same (an owner is
 * recorded relative to the role reading it, so the role that plans and the one that applies may
 * see different ones for one database).
 */
export function withoutOwners(catalog: Catalog): Catalog {
  return {
    ...catalog,
    schemas: strip(catalog.schemas),
    enums: strip(catalog.enums),
    domains: strip(catalog.domains),
    sequences: strip(catalog.sequences),
    tables: strip(catalog.tables),
    functions: strip(catalog.functions),
    views: strip(catalog.views),
  };
}
