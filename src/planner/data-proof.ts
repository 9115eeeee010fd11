/**
 * What the proof checks on the sampled rows, beyond the catalog: the rows of kept tables survive
 * forward and rollback (counts), the columns the migration does not change keep their values (by
 * primary key: a backfill must not move `updated_at`), and no kept table is rewritten
 * (pg_class.relfilenode) unless the plan declares `rewrites-table`. Tables are followed by oid, so
 * a renamed table is still the same table.
 */
import type { Catalog, Table } from '../catalog/index.js';
import { quoteIdent } from '../catalog/index.js';
import type { Db } from '../db/index.js';
import { changedTypes, columnUsesType } from './sample.js';
import { same } from './subset.js';

interface Watched {
  readonly oid: number;
  readonly key: string;
  /** Primary key columns and the unchanged columns compared; absent when the table has no usable key. */
  readonly keyColumns?: readonly string[];
  readonly columns?: readonly string[];
}

export interface DataSnapshot {
  readonly counts: ReadonlyMap<number, number>;
  /** oid -> (primary key JSON -> unchanged columns JSON). */
  readonly values: ReadonlyMap<number, ReadonlyMap<string, string>>;
}

export interface DataWatch {
  readonly tables: readonly Watched[];
  /** oid -> relfilenode of every kept managed table, before forward. */
  readonly files: ReadonlyMap<number, { key: string; file: number }>;
}

const primaryKey = (table: Table): readonly string[] | undefined =>
  Object.values(table.constraints).find((c) => c.kind === 'primary_key')?.columns;

/** The columns of `key` the migration leaves alone: same definition before and after, type unchanged, not generated. */
function unchangedColumns(key: string, live: Catalog, desired: Catalog, types: readonly string[]): { keyColumns: readonly string[]; columns: readonly string[] } | undefined {
  const before = live.tables[key];
  const after = desired.tables[key];
  if (!before || !after) return undefined;
  const pk = primaryKey(before);
  if (!pk || pk.length === 0 || !same(pk, primaryKey(after))) return undefined;
  const afterColumns = new Map(after.columns.map((c) => [c.name, c]));
  const keep = (name: string): boolean => {
    const a = before.columns.find((c) => c.name === name);
    const b = afterColumns.get(name);
    return Boolean(a && b && same(a, b) && !a.generated && !columnUsesType(a.type, types));
  };
  if (!pk.every(keep)) return undefined;
  const columns = before.columns.map((c) => c.name).filter((name) => !pk.includes(name) && keep(name));
  return { keyColumns: pk, columns };
}

/** Decides what to watch on the shadow holding the live schema and its sampled rows. */
export async function watchData(
  shadow: Db,
  live: Catalog,
  desired: Catalog,
  sampled: readonly string[],
  schemas: readonly string[],
  changing: readonly { readonly table: string; readonly column: string }[] = [],
): Promise<DataWatch> {
  const types = changedTypes(live, desired);
  const rels = await shadow.query<{ oid: number; key: string; file: number }>(
    `SELECT c.oid::int AS oid, n.nspname || '.' || c.relname AS key, c.relfilenode::int AS file
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'm') AND n.nspname = ANY ($1::text[])`,
    [[...schemas]],
  );
  const byKey = new Map(rels.map((r) => [r.key, r]));
  const tables: Watched[] = [];
  for (const key of sampled) {
    const rel = byKey.get(key);
    if (!rel) continue;
    const unchanged = unchangedColumns(key, live, desired, types);
    const skip = new Set(changing.filter((c) => c.table === key).map((c) => c.column));
    tables.push({ oid: rel.oid, key, ...(unchanged ? { ...unchanged, columns: unchanged.columns.filter((c) => !skip.has(c)) } : {}) });
  }
  return { tables, files: new Map(rels.map((r) => [r.oid, { key: r.key, file: r.file }])) };
}

async function nameOf(shadow: Db, oid: number): Promise<string | undefined> {
  const [row] = await shadow.query<{ name: string | null }>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = $1::oid) THEN $1::oid::regclass::text END AS name`,
    [oid],
  );
  return row?.name ?? undefined;
}

export async function snapshot(shadow: Db, watch: DataWatch): Promise<DataSnapshot> {
  const counts = new Map<number, number>();
  const values = new Map<number, Map<string, string>>();
  for (const t of watch.tables) {
    const name = await nameOf(shadow, t.oid);
    if (!name) continue;
    const [row] = await shadow.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`);
    counts.set(t.oid, row?.n ?? 0);
    if (!t.keyColumns || !t.columns || t.columns.length === 0) continue;
    const k = `jsonb_build_array(${t.keyColumns.map(quoteIdent).join(', ')})::text`;
    const v = `jsonb_build_object(${t.columns.map((c) => `'${c.replaceAll("'", "''")}', ${quoteIdent(c)}`).join(', ')})::text`;
    const rows = await shadow.query<{ k: string; v: string }>(`SELECT ${k} AS k, ${v} AS v FROM ${name}`);
    values.set(t.oid, new Map(rows.map((r) => [r.k, r.v])));
  }
  return { counts, values };
}

/** Differences between the snapshot before forward and `after`, for messages (at most a few per table). */
export function dataDifferences(watch: DataWatch, before: DataSnapshot, after: DataSnapshot): string[] {
  const out: string[] = [];
  for (const t of watch.tables) {
    const was = before.counts.get(t.oid);
    const now = after.counts.get(t.oid);
    if (was === undefined || now === undefined) continue;
    if (was !== now) out.push(`${t.key}: ${was} sampled rows before, ${now} after`);
    const a = before.values.get(t.oid);
    const b = after.values.get(t.oid);
    if (!a || !b) continue;
    let shown = 0;
    for (const [pk, value] of a) {
      const other = b.get(pk);
      if (other === value) continue;
      if (shown++ < 3) out.push(`${t.key} row ${pk}: ${other === undefined ? 'is gone' : describeChange(value, other)}`);
    }
    if (shown > 3) out.push(`${t.key}: ${shown - 3} more rows changed`);
  }
  return out;
}

function describeChange(before: string, after: string): string {
  const a = JSON.parse(before) as Record<string, unknown>;
  const b = JSON.parse(after) as Record<string, unknown>;
  const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return `${changed.map((k) => `${k} ${JSON.stringify(a[k])} -> ${JSON.stringify(b[k])}`).join(', ')} (the migration does not change ${changed.length === 1 ? 'this column' : 'these columns'})`;
}

/** Kept tables whose relfilenode changed: PostgreSQL rewrote them. */
export async function rewrittenTables(shadow: Db, watch: DataWatch): Promise<string[]> {
  if (watch.files.size === 0) return [];
  const rows = await shadow.query<{ oid: number; file: number }>(
    `SELECT oid::int AS oid, relfilenode::int AS file FROM pg_catalog.pg_class WHERE oid = ANY ($1::oid[])`,
    [[...watch.files.keys()]],
  );
  return rows
    .filter((r) => watch.files.get(r.oid)!.file !== r.file)
    .map((r) => watch.files.get(r.oid)!.key)
    .sort();
}
