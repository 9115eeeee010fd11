/**
 * Verification on the objects a plan touches. Rebuilding a whole 1,000-table schema on a shadow
 * for a one-column change costs seconds; the objects that differ between live and desired, plus a
 * skeleton of the tables they reference or are referenced by, prove the same migration. Pure.
 *
 * Roots are the tables and views whose catalog entries differ. Neighbour tables (foreign keys in
 * either direction, names in policy or check expressions, tables a root view reads, tables with a
 * column of a changed enum) come as skeletons: columns and the constraints among the subset's own
 * tables. Views a root view reads come whole. Types, functions, sequences and external triggers are
 * small and always kept whole. Partitioned tables, or a difference in any other kind of object,
 * return undefined: verify everything.
 */
import type { Catalog, Table } from '../catalog/index.js';

/** Equality of two catalog parts built the same way (so with the same key order). */
export const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function differingKeys<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !same(a[key], b[key])).sort();
}

function referencedTables(table: Table): string[] {
  return Object.values(table.constraints).flatMap((c) => (c.foreignKey ? [c.foreignKey.table] : []));
}

/** Table keys whose names appear in a table's policy and check expressions. */
function namedTables(table: Table, all: readonly string[]): string[] {
  const texts = [
    ...Object.values(table.policies).flatMap((p) => [p.using ?? '', p.check ?? '']),
    ...Object.values(table.constraints).map((c) => c.check ?? ''),
  ].join('\n');
  if (!texts.trim()) return [];
  return all.filter((key) => {
    const name = key.slice(key.indexOf('.') + 1);
    return texts.includes(name);
  });
}

/** Whether a SQL text names `key`'s object (qualified or not, quoted or not). */
function names(text: string, key: string): boolean {
  const name = key.slice(key.indexOf('.') + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_$])"?${name}"?($|[^A-Za-z0-9_$])`).test(text);
}

/** Tables whose columns are of a type (enum or domain) that differs between the catalogs. */
function tablesOfTypes(catalog: Catalog, types: readonly string[]): string[] {
  if (types.length === 0) return [];
  const bare = (t: string): string => t.replace(/(\[\])+$/, '');
  const matches = (type: string): boolean => types.some((k) => bare(type) === k || bare(type) === k.slice(k.indexOf('.') + 1));
  return Object.entries(catalog.tables).flatMap(([key, t]) => (t.columns.some((c) => matches(c.type)) ? [key] : []));
}

function skeleton(table: Table, keep: ReadonlySet<string>): Table {
  return {
    ...table,
    constraints: Object.fromEntries(
      Object.entries(table.constraints).filter(([, c]) => c.kind !== 'foreign_key' || keep.has(c.foreignKey!.table)),
    ),
    indexes: {},
    triggers: {},
    policies: {},
    rls: false,
    forceRls: false,
    grants: {},
  };
}

function restrict(catalog: Catalog, roots: ReadonlySet<string>, neighbours: ReadonlySet<string>, views: ReadonlySet<string>): Catalog {
  const keep = new Set([...roots, ...neighbours]);
  const tables: Record<string, Table> = {};
  for (const [key, table] of Object.entries(catalog.tables)) {
    if (roots.has(key)) tables[key] = table;
    else if (neighbours.has(key)) tables[key] = skeleton(table, keep);
  }
  const sequences = Object.fromEntries(
    Object.entries(catalog.sequences).map(([key, s]) => {
      if (!s.ownedBy) return [key, s];
      const owner = s.ownedBy.slice(0, s.ownedBy.lastIndexOf('.'));
      if (keep.has(owner)) return [key, s];
      const { ownedBy: _ownedBy, ...rest } = s;
      return [key, rest];
    }),
  );
  return {
    ...catalog,
    tables,
    sequences,
    views: Object.fromEntries(Object.entries(catalog.views).filter(([key]) => views.has(key))),
  };
}

export interface VerificationScope {
  readonly live: Catalog;
  readonly desired: Catalog;
  /** Tables and views that differ. */
  readonly roots: readonly string[];
}

export function verificationScope(live: Catalog, desired: Catalog): VerificationScope | undefined {
  for (const kind of ['schemas', 'extensions', 'domains', 'composites'] as const) {
    if (differingKeys(live[kind] ?? {}, desired[kind] ?? {}).length > 0) return undefined;
  }
  if (!same(live.defaultPrivileges, desired.defaultPrivileges)) return undefined;
  const roots = new Set(differingKeys(live.tables, desired.tables));
  const views = new Set(differingKeys(live.views, desired.views));
  const all = [...new Set([...Object.keys(live.tables), ...Object.keys(desired.tables)])];
  const neighbours = new Set<string>();
  // A view needs the tables and views it reads (a draft's query names them as written, unqualified).
  const viewScope = new Set(views);
  const allViews = [...new Set([...Object.keys(live.views), ...Object.keys(desired.views)])];
  for (let grew = true; grew; ) {
    grew = false;
    for (const key of [...viewScope]) {
      const text = [live.views[key]?.definition ?? '', desired.views[key]?.definition ?? ''].join('\n');
      for (const t of all) if (names(text, t)) neighbours.add(t);
      for (const v of allViews) {
        if (!viewScope.has(v) && names(text, v)) {
          viewScope.add(v);
          grew = true;
        }
      }
    }
  }
  // Tables with a column of an enum that changes: the swap (forward or rollback) alters their columns.
  const types = differingKeys(live.enums, desired.enums);
  for (const catalog of [live, desired]) for (const t of tablesOfTypes(catalog, types)) neighbours.add(t);
  for (const catalog of [live, desired]) {
    for (const [key, table] of Object.entries(catalog.tables)) {
      if (table.kind === 'partitioned' || table.partitionOf) {
        if (roots.has(key) || roots.has(table.partitionOf?.parent ?? '')) return undefined;
      }
      if (roots.has(key)) {
        for (const other of [...referencedTables(table), ...namedTables(table, all)]) neighbours.add(other);
      } else if (referencedTables(table).some((other) => roots.has(other))) {
        neighbours.add(key);
      }
    }
  }
  for (const key of roots) neighbours.delete(key);
  const tableCount = Object.keys(desired.tables).length;
  // Small schemas verify whole: the subset would save nothing and prove less.
  if (roots.size + neighbours.size >= tableCount) return undefined;
  return {
    live: restrict(live, roots, neighbours, viewScope),
    desired: restrict(desired, roots, neighbours, viewScope),
    roots: [...roots, ...views].sort(),
  };
}
