/**
 * What the rows of the live database already decide. A step whose guard would fail at apply on the
 * rows the target holds today (a new NOT NULL column without default or backfill on a table with
 * rows, SET NOT NULL over NULLs, an enum value removed while rows hold it and no remap says where
 * they go) is refused by `plan` at the YAML line, before anything is written, instead of being
 * written, verified on an empty shadow and failing at apply. The guards stay in the SQL: rows may
 * change between plan and apply.
 *
 * Each check is one EXISTS query in a read-only transaction bounded by a statement timeout; a check
 * that times out on a huge table is skipped (the guard still stops the apply).
 */
import { quoteIdent } from '../catalog/names.js';
import type { Queryable } from '../db/index.js';
import type { Change } from '../plan/changes.js';
import type { PlanInputs } from '../plan/types.js';
import { q } from '../plan/render/sql.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';
import { positionOfObject } from './positions.js';

interface RowCheck {
  /** Object whose YAML node the finding points at. */
  readonly object: string;
  /** SELECT returning one boolean column `hit`. */
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly code: string;
  readonly message: string;
  readonly fix: string;
}

/** The live name of a table the plan may rename (checks run before the rename). */
const liveTable = (table: string, inputs: PlanInputs): string => inputs.tableRenames[table] ?? table;

export function rowChecks(changes: readonly Change[], inputs: PlanInputs): RowCheck[] {
  const checks: RowCheck[] = [];
  for (const change of changes) {
    if (change.implied) continue;
    if (change.kind === 'AddColumn') {
      const c = change.column;
      if (!change.existing || !c.notNull || c.default !== undefined || c.identity || c.generated !== undefined || change.backfill !== undefined) continue;
      checks.push({
        object: `${change.table}.${c.name}`,
        sql: `SELECT EXISTS (SELECT 1 FROM ${q(liveTable(change.table, inputs))}) AS hit`,
        params: [],
        code: 'not-null-default',
        message: `${change.table} has rows, so the new NOT NULL column ${c.name} cannot be added without a default or a backfill (the migration would fail at apply)`,
        fix: `declare default: or backfill: (an SQL expression filling the existing rows) on ${c.name}, or add it without not_null first`,
      });
    } else if (change.kind === 'SetNotNull' && change.existing) {
      const column = liveColumn(change.table, change.column, inputs);
      checks.push({
        object: `${change.table}.${change.column}`,
        sql: `SELECT EXISTS (SELECT 1 FROM ${q(liveTable(change.table, inputs))} WHERE ${quoteIdent(column)} IS NULL) AS hit`,
        params: [],
        code: 'not-null-default',
        message: `${change.table}.${change.column} holds NULLs, so it cannot become NOT NULL (the migration would fail at apply)`,
        fix: `update those rows first (or keep the column nullable)`,
      });
    } else if (change.kind === 'ValidateConstraint') {
      // A constraint left NOT VALID: its VALIDATE reads every row, so rows that break it fail the apply.
      const c = change.constraint;
      const table = q(liveTable(change.table, inputs));
      const fk = c.foreignKey;
      const broken =
        c.kind === 'foreign_key' && fk && fk.columns.length === c.columns.length && c.columns.length > 0
          ? `${c.columns.map((col) => `c.${quoteIdent(col)} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${q(fk.table)} p WHERE ${c.columns.map((col, i) => `p.${quoteIdent(fk.columns[i]!)} = c.${quoteIdent(col)}`).join(' AND ')})`
          : c.kind === 'check'
            ? `NOT (${c.definition.replace(/^CHECK\s*/, '').replace(/\s+NOT VALID$/, '')})`
            : undefined;
      if (broken === undefined) continue;
      checks.push({
        object: `${change.table}.${c.name}`,
        sql: `SELECT EXISTS (SELECT 1 FROM ${table} c WHERE ${broken}) AS hit`,
        params: [],
        code: c.kind === 'foreign_key' ? 'fk-not-valid' : 'verify',
        message: `${change.table} holds rows that break ${c.kind === 'foreign_key' ? 'foreign key' : 'check'} ${c.name}, left NOT VALID, so its VALIDATE would fail at apply`,
        fix: c.kind === 'foreign_key' ? 'delete or fix the rows that reference nothing (or point them at existing rows) first' : 'fix the rows that break the check first',
      });
    } else if (change.kind === 'ReplaceEnum') {
      const removed = change.from.values.filter((v) => !change.to.values.includes(v) && !Object.hasOwn(change.remap, v));
      if (removed.length === 0) continue;
      const enumKey = `${change.to.schema}.${change.to.name}`;
      for (const use of change.columnsBefore) {
        const c = quoteIdent(use.column);
        const hit = use.array ? `${c}::text[] && $1::text[]` : `${c}::text = ANY ($1::text[])`;
        checks.push({
          object: enumKey,
          sql: `SELECT EXISTS (SELECT 1 FROM ${q(liveTable(use.table, inputs))} WHERE ${hit}) AS hit`,
          params: [removed],
          code: 'destructive',
          message: `${use.table}.${use.column} holds ${removed.join(', ')}, which enum ${enumKey} no longer has (the migration would fail at apply)`,
          fix: `declare remap: { ${removed.map((v) => `${v}: <new value>`).join(', ')} } on the enum, or update those rows first`,
        });
      }
    }
  }
  return checks;
}

/** A column's live name: a column renamed in this plan still has its old name before it. */
function liveColumn(table: string, column: string, inputs: PlanInputs): string {
  return inputs.columnRenames[`${table}.${column}`] ?? column;
}

export interface LiveRowsSource {
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { readonly mode?: string }): Promise<T>;
}

/** Runs the checks on the live database; one positioned error per check the rows fail. */
export async function refusalsFromLiveRows(db: LiveRowsSource, changes: readonly Change[], inputs: PlanInputs, loaded: () => Promise<LoadedSpec>, timeout = '10s'): Promise<Finding[]> {
  const checks = rowChecks(changes, inputs);
  if (checks.length === 0) return [];
  const failed = await db.transaction(
    async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = '${timeout.replace(/[^0-9a-z]/gi, '')}'`);
      const out: RowCheck[] = [];
      for (const check of checks) {
        await tx.query('SAVEPOINT live_rows');
        try {
          const [row] = await tx.query<{ hit: boolean }>(check.sql, check.params);
          if (row?.hit) out.push(check);
          await tx.query('RELEASE SAVEPOINT live_rows');
        } catch (error) {
          // A timeout (or a table the check cannot read) leaves the decision to the guard at apply.
          if (!/^[0-9A-Z]{5}$/.test(String((error as { code?: unknown }).code)) || /^08/.test(String((error as { code?: unknown }).code))) throw error;
          await tx.query('ROLLBACK TO SAVEPOINT live_rows');
        }
      }
      return out;
    },
    { mode: 'READ ONLY' },
  );
  if (failed.length === 0) return [];
  const spec = await loaded();
  return failed.map((c) => ({ ...positionOfObject(spec, c.object), severity: 'error' as const, code: c.code, message: c.message, fix: c.fix }));
}
