/**
 * `schema check --data`: every row of each shaped json/jsonb column checked against its shape with
 * ajv, read in batches by primary key (or ctid) so a large table is never read in one statement.
 * Each batch is its own short read-only transaction under a statement timeout. Reports counts and a
 * few example keys per column; the JSON values themselves are never printed.
 */
import { quoteIdent, quoteQualified, splitQualified } from '../catalog/names.js';
import type { Db } from '../db/index.js';
import { shapeValidator } from '../spec/json-shape.js';
import { indexSpec, jsonKind, primaryKeyColumns } from '../spec/spec-index.js';
import type { JsonShape, Spec } from '../spec/types.js';

export interface ShapedColumn {
  readonly table: string;
  readonly column: string;
  readonly shape: JsonShape;
}

export interface ColumnScan {
  readonly table: string;
  readonly column: string;
  /** Undefined when the table or column is not in the database. */
  readonly rows?: number;
  readonly failing: number;
  /** Up to `examples` keys of failing rows (`id=...`), each with the first problem's path and message. */
  readonly examples: readonly string[];
}

export interface ScanOptions {
  readonly batchSize?: number;
  readonly examples?: number;
  readonly statementTimeout?: string;
  /** Called after each batch (progress on stderr). */
  readonly onBatch?: (table: string, rowsSoFar: number) => void;
}

/** The shaped columns of a spec, sorted by table then column. */
export function shapedColumns(spec: Spec): ShapedColumn[] {
  const out: ShapedColumn[] = [];
  for (const [key, { table }] of indexSpec(spec).tables) {
    for (const [column, c] of Object.entries(table.columns)) {
      if (c.shape !== undefined && jsonKind(c.type)) out.push({ table: key, column, shape: c.shape });
    }
  }
  return out.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
}

export async function scanShapes(db: Db, spec: Spec, options: ScanOptions = {}): Promise<ColumnScan[]> {
  const batchSize = options.batchSize ?? 1000;
  const exampleCount = options.examples ?? 3;
  const index = indexSpec(spec);
  const byTable = new Map<string, ShapedColumn[]>();
  for (const c of shapedColumns(spec)) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  const results: ColumnScan[] = [];
  for (const [table, columns] of byTable) {
    const { schema, name } = splitQualified(table);
    const present = await db.query<{ attname: string }>(
      `SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
      [schema, name],
    );
    const have = new Set(present.map((r) => r.attname));
    const live = columns.filter((c) => have.has(c.column));
    for (const c of columns.filter((x) => !have.has(x.column))) results.push({ table, column: c.column, failing: 0, examples: [] });
    if (live.length === 0) continue;
    const pk = primaryKeyColumns(index.tables.get(table)!.table).filter((col) => have.has(col));
    const keys = pk.length > 0 ? pk : undefined;
    const counts = live.map(() => ({ failing: 0, examples: [] as string[] }));
    const validators = live.map((c) => shapeValidator(c.shape));
    let last: unknown[] | undefined;
    let rows = 0;
    for (;;) {
      const batch = await readBatch(db, quoteQualified(schema, name), keys, live.map((c) => c.column), last, batchSize, options.statementTimeout ?? '30s');
      for (const row of batch) {
        live.forEach((c, i) => {
          const value = row[c.column];
          if (value === null || value === undefined) return; // NULL is the column's nullability, not its shape
          if (validators[i]!(value)) return;
          const count = counts[i]!;
          count.failing++;
          if (count.examples.length < exampleCount) {
            const e = validators[i]!.errors?.[0];
            count.examples.push(`${keyText(row, keys)}: ${e ? `${e.instancePath || '(value)'} ${e.message ?? 'does not match'}` : 'does not match'}`);
          }
        });
      }
      rows += batch.length;
      options.onBatch?.(table, rows);
      if (batch.length < batchSize) break;
      const end = batch.at(-1)!;
      last = keys ? keys.map((k) => end[k]) : [end['__ctid']];
    }
    live.forEach((c, i) => results.push({ table, column: c.column, rows, failing: counts[i]!.failing, examples: counts[i]!.examples }));
  }
  return results.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : a.column < b.column ? -1 : 1));
}

async function readBatch(
  db: Db,
  table: string,
  keys: readonly string[] | undefined,
  columns: readonly string[],
  after: readonly unknown[] | undefined,
  limit: number,
  timeout: string,
): Promise<Record<string, unknown>[]> {
  const keyList = keys ? keys.map(quoteIdent) : ['ctid'];
  const select = [...(keys ? keyList : ['ctid::text AS __ctid']), ...columns.filter((c) => !keys?.includes(c)).map(quoteIdent)].join(', ');
  const params: unknown[] = [];
  let where = '';
  if (after) {
    // Keyset on the whole primary key, compared in its own types so its index serves every batch.
    after.forEach((value) => params.push(value));
    where = keys
      ? `WHERE (${keyList.join(', ')}) > (${keyList.map((_, i) => `$${i + 1}`).join(', ')})`
      : 'WHERE ctid > $1::tid';
  }
  const order = keys ? keyList.join(', ') : 'ctid';
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_catalog.set_config('statement_timeout', $1, true)`, [timeout]);
    return tx.query(`SELECT ${select} FROM ${table} ${where} ORDER BY ${order} LIMIT ${Math.max(1, Math.floor(limit))}`, params);
  }, { mode: 'READ ONLY' });
}

function keyText(row: Record<string, unknown>, keys: readonly string[] | undefined): string {
  if (!keys) return `ctid=${String(row['__ctid'])}`;
  return keys.map((k) => `${k}=${String(row[k])}`).join(', ');
}
