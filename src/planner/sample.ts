/**
 * The live rows a proof runs on: a bounded sample of each table the plan touches, copied into the
 * shadow after it holds the live schema, with the rows of referenced tables those rows need (so
 * foreign keys, old and new, hold on the copy as they do live) and the live state of the tables'
 * sequences. One read on the live database per table (`to_jsonb` rows, never more than it holds),
 * one INSERT ... SELECT FROM jsonb_populate_recordset per table on the shadow, parents first, in
 * one transaction with user triggers off (session_replication_role = replica for a superuser, else
 * the enabled user triggers are disabled and enabled again in that transaction).
 */
import type { Catalog, Table } from '../catalog/index.js';
import { quoteIdent } from '../catalog/index.js';
import type { Db, Queryable } from '../db/index.js';
import { same } from './subset.js';

export const DEFAULT_SAMPLE_ROWS = 1000;

const qualified = (key: string): string => {
  const dot = key.indexOf('.');
  return `${quoteIdent(key.slice(0, dot))}.${quoteIdent(key.slice(dot + 1))}`;
};

interface ForeignKey {
  readonly child: string;
  readonly columns: readonly string[];
  readonly parent: string;
  readonly parentColumns: readonly string[];
}

/** The referenced columns of a FK: from its definition, `... REFERENCES s.t(a, b) ...`. */
function referencedColumns(definition: string): string[] | undefined {
  const m = /REFERENCES\s+(?:"(?:[^"]|"")+"|[^\s(]+)(?:\.(?:"(?:[^"]|"")+"|[^\s(]+))?\s*\(([^)]*)\)/.exec(definition);
  if (!m) return undefined;
  return m[1]!.split(',').map((c) => {
    const t = c.trim();
    return t.startsWith('"') ? t.slice(1, -1).replaceAll('""', '"') : t;
  });
}

function foreignKeys(table: Table, key: string): ForeignKey[] {
  return Object.values(table.constraints).flatMap((c) => {
    if (!c.foreignKey) return [];
    const parentColumns = referencedColumns(c.definition);
    if (!parentColumns || parentColumns.length !== c.columns.length) return [];
    return [{ child: key, columns: c.columns, parent: c.foreignKey.table, parentColumns }];
  });
}

/** Enum and domain keys whose definitions differ: their columns' values may change too. */
export function changedTypes(live: Catalog, desired: Catalog): string[] {
  const out: string[] = [];
  for (const kind of ['enums', 'domains', 'composites'] as const) {
    const a: Readonly<Record<string, unknown>> = live[kind] ?? {};
    const b: Readonly<Record<string, unknown>> = desired[kind] ?? {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) if (!same(a[key], b[key])) out.push(key);
  }
  return out.sort();
}

/** Whether a column's type (`format_type`) names one of `types` (keys `schema.name`). */
export function columnUsesType(type: string, types: readonly string[]): boolean {
  const bare = type.replace(/\[\]$/, '').replaceAll('"', '');
  return types.some((key) => bare === key || (key.startsWith('public.') && bare === key.slice(7)));
}

/** Live tables the plan changes: their catalog entry differs, or a column's enum/domain does. */
export function touchedTables(live: Catalog, desired: Catalog): string[] {
  const types = changedTypes(live, desired);
  return Object.entries(live.tables)
    .filter(([key, table]) => !same(table, desired.tables[key]) || table.columns.some((c) => columnUsesType(c.type, types)))
    .map(([key]) => key)
    .sort();
}

export interface SampleSummary {
  /** Table key -> rows copied. */
  readonly rows: Readonly<Record<string, number>>;
}

async function columnsOf(db: Queryable, table: string): Promise<{ name: string; generated: boolean; identityAlways: boolean }[]> {
  const rows = await db.query<{ attname: string; attgenerated: string; attidentity: string }>(
    `SELECT attname, attgenerated::text, attidentity::text FROM pg_catalog.pg_attribute
      WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    [qualified(table)],
  );
  return rows.map((r) => ({ name: r.attname, generated: r.attgenerated !== '', identityAlways: r.attidentity === 'a' }));
}

async function exists(db: Queryable, table: string): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [qualified(table)]);
  return rows[0]?.ok === true;
}

/**
 * Copies up to `limit` live rows of each of `roots` into the shadow, plus the rows of referenced
 * tables that the copied rows point at (through the FKs of `live` and `desired`), transitively.
 */
export async function copySample(
  liveDb: Db,
  shadow: Db,
  live: Catalog,
  desired: Catalog,
  roots: readonly string[],
  limit: number,
): Promise<SampleSummary> {
  if (limit <= 0 || roots.length === 0) return { rows: {} };
  // The FK graph among tables the copy may need, from both catalogs.
  const fks: ForeignKey[] = [];
  for (const catalog of [live, desired]) {
    for (const [key, table] of Object.entries(catalog.tables)) fks.push(...foreignKeys(table, key));
  }
  const tables = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (tables.has(key)) continue;
    if (!(await exists(liveDb, key)) || !(await exists(shadow, key))) continue;
    tables.add(key);
    for (const fk of fks) if (fk.child === key && !tables.has(fk.parent)) queue.push(fk.parent);
  }
  // A partitioned table's rows are its partitions' rows: read once, through the topmost table copied.
  for (const key of [...tables]) if (ancestors(live, key).some((a) => tables.has(a))) tables.delete(key);
  // Parents after children for the reads (a parent's rows include those its children point at);
  // the reverse for the writes.
  const order = childrenFirst([...tables], fks);
  const liveColumns = new Map<string, Set<string>>();
  for (const key of tables) liveColumns.set(key, new Set((await columnsOf(liveDb, key)).map((c) => c.name)));
  const rowsOf = new Map<string, string>();
  const rootSet = new Set(roots);
  for (const key of order) {
    const params: unknown[] = [];
    const terms: string[] = [];
    if (rootSet.has(key)) terms.push(`t.ctid IN (SELECT ctid FROM ${qualified(key)} LIMIT ${Math.floor(limit)})`);
    for (const fk of fks) {
      if (fk.parent !== key || fk.child === key || !rowsOf.has(fk.child)) continue;
      const childCols = liveColumns.get(fk.child)!;
      const parentCols = liveColumns.get(key)!;
      if (!fk.columns.every((c) => childCols.has(c)) || !fk.parentColumns.every((c) => parentCols.has(c))) continue;
      params.push(rowsOf.get(fk.child));
      const on = fk.columns.map((c, i) => `c.${quoteIdent(c)} = t.${quoteIdent(fk.parentColumns[i]!)}`).join(' AND ');
      terms.push(`EXISTS (SELECT 1 FROM jsonb_populate_recordset(NULL::${qualified(fk.child)}, $${params.length}::text::jsonb) c WHERE ${on})`);
    }
    if (terms.length === 0) continue;
    const [row] = await liveDb.query<{ rows: string; n: number }>(
      `SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb)::text AS rows, count(*)::int AS n FROM ${qualified(key)} t WHERE ${terms.join(' OR ')}`,
      params,
    );
    if (row && row.n > 0) rowsOf.set(key, row.rows);
  }
  const counts: Record<string, number> = {};
  const sequences = await liveSequences(liveDb, [...rowsOf.keys()]);
  const [role] = await shadow.query<{ superuser: boolean }>(`SELECT rolsuper AS superuser FROM pg_catalog.pg_roles WHERE rolname = current_user`);
  await shadow.transaction(async (tx) => {
    const disabled: { table: string; trigger: string }[] = [];
    if (role?.superuser) await tx.exec(`SET LOCAL session_replication_role = replica`);
    else {
      const triggers = await tx.query<{ tbl: string; tgname: string }>(
        `SELECT tgrelid::regclass::text AS tbl, tgname FROM pg_catalog.pg_trigger
          WHERE NOT tgisinternal AND tgenabled = 'O' AND tgrelid = ANY (SELECT to_regclass(x) FROM unnest($1::text[]) AS x)`,
        [[...rowsOf.keys()].map(qualified)],
      );
      for (const t of triggers) {
        await tx.exec(`ALTER TABLE ${t.tbl} DISABLE TRIGGER ${quoteIdent(t.tgname)}`);
        disabled.push({ table: t.tbl, trigger: t.tgname });
      }
    }
    for (const key of [...order].reverse()) {
      const rows = rowsOf.get(key);
      if (!rows) continue;
      const have = liveColumns.get(key)!;
      const cols = (await columnsOf(tx, key)).filter((c) => !c.generated && have.has(c.name));
      const list = cols.map((c) => quoteIdent(c.name)).join(', ');
      const overriding = cols.some((c) => c.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : '';
      await tx.query(
        `INSERT INTO ${qualified(key)} (${list})${overriding} SELECT ${list} FROM jsonb_populate_recordset(NULL::${qualified(key)}, $1::text::jsonb)`,
        [rows],
      );
      counts[key] = (JSON.parse(rows) as unknown[]).length;
    }
    for (const s of sequences) await tx.query(`SELECT pg_catalog.setval(to_regclass($1), $2::bigint, $3)`, [s.name, s.lastValue, s.isCalled]);
    for (const d of disabled) await tx.exec(`ALTER TABLE ${d.table} ENABLE TRIGGER ${quoteIdent(d.trigger)}`);
  });
  return { rows: counts };
}

/** The tables `key` is a partition of, nearest first. */
function ancestors(catalog: Catalog, key: string): string[] {
  const out: string[] = [];
  for (let parent = catalog.tables[key]?.partitionOf?.parent; parent !== undefined && !out.includes(parent); parent = catalog.tables[parent]?.partitionOf?.parent) {
    out.push(parent);
  }
  return out;
}

/** Tables ordered so that every table comes before the tables it references (cycles broken anywhere). */
function childrenFirst(tables: readonly string[], fks: readonly ForeignKey[]): string[] {
  const done = new Set<string>();
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (key: string): void => {
    if (done.has(key) || visiting.has(key)) return;
    visiting.add(key);
    // Children of `key` first.
    for (const fk of fks) if (fk.parent === key && fk.child !== key && tables.includes(fk.child)) visit(fk.child);
    visiting.delete(key);
    done.add(key);
    out.push(key);
  };
  for (const key of [...tables].sort()) visit(key);
  return out;
}

/** The live state of the sequences owned by (or serving the identity of) `tables`, where it may be read. */
async function liveSequences(db: Db, tables: readonly string[]): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  if (tables.length === 0) return [];
  const owned = await db.query<{ seq: string }>(
    `SELECT DISTINCT d.objid::regclass::text AS seq FROM pg_catalog.pg_depend d
       JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
        AND d.deptype IN ('a', 'i') AND d.refobjid = ANY (SELECT to_regclass(x) FROM unnest($1::text[]) AS x)
        AND CASE WHEN s.relkind = 'S' THEN pg_catalog.has_sequence_privilege(d.objid, 'SELECT') ELSE false END
      ORDER BY 1`,
    [tables.map(qualified)],
  );
  const out: { name: string; lastValue: string; isCalled: boolean }[] = [];
  for (const { seq } of owned) {
    const [row] = await db.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${seq}`);
    if (row) out.push({ name: seq, lastValue: row.last_value, isCalled: row.is_called });
  }
  return out;
}
