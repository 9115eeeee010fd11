/**
 * JSONB shapes that evolve without breaking old rows. A shape is not database state: what changes
 * is the rows. So the steps come from the rows the live table holds, each an online batched update
 * (src/sql/backfill.ts: batches of their own transactions, UPDATE triggers silent, resumable) with
 * its exact inverse in the rollback:
 *
 * - a top-level property with a `default` that some objects lack: the objects that lack it get the
 *   default (old rows keep working with new code); the rollback removes it from those rows again
 *   (the rows holding exactly the default, which the plan has checked none did before);
 * - a property with `renamed_from`: the objects holding the old key get its value under the new
 *   one; the rollback moves it back.
 *
 * Once the rows are done a re-plan finds nothing to do. Rows that no longer match a narrowed shape
 * (a property removed from a closed shape, a type narrowed) refuse the plan unless the
 * `breaks-clients` hazard is allowed: the code generated from the new shape would misread them.
 */
import { quoteIdent, quoteLiteral } from '../catalog/names.js';
import type { Catalog } from '../catalog/index.js';
import type { Db, Queryable } from '../db/index.js';
import type { Plan, Step } from '../plan/index.js';
import { q, step } from '../plan/render/sql.js';
import { batchedUpdateSql } from '../sql/backfill.js';
import { shapeProblem } from '../spec/json-shape.js';
import { refKey } from '../spec/spec-index.js';
import type { JsonShape, JsonValue, LoadedSpec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';
import { specPosition } from '../rules/helpers.js';

export interface ShapeEvolution {
  readonly forward: readonly Step[];
  /** In the order the rollback runs them. */
  readonly rollback: readonly Step[];
  /** Rows the new shapes would misread: refused unless `breaks-clients` is allowed. */
  readonly narrowed: readonly Finding[];
  /** The columns whose values the steps change on purpose. */
  readonly columns: readonly { readonly table: string; readonly column: string }[];
}

interface ShapedColumn {
  readonly specKey: string;
  readonly table: string;
  readonly column: string;
  readonly shape: JsonShape;
}

function shapedColumns(loaded: LoadedSpec, live: Catalog): ShapedColumn[] {
  const out: ShapedColumn[] = [];
  for (const [specKey, t] of Object.entries(loaded.spec.tables ?? {})) {
    const table = refKey(specKey) ?? specKey;
    const liveTable = live.tables[table];
    if (!liveTable) continue;
    for (const [column, c] of Object.entries(t.columns ?? {})) {
      if (!c.shape || !/^jsonb$/i.test(c.type.trim())) continue;
      if (!liveTable.columns.some((lc) => lc.name === column && lc.type === 'jsonb')) continue;
      out.push({ specKey, table, column, shape: c.shape });
    }
  }
  return out;
}

const SAMPLE = 1000;

/** The steps the live rows of every shaped column need, and the rows a narrowed shape misreads. */
export async function shapeEvolution(db: Db, loaded: LoadedSpec, live: Catalog, timeout = '10s'): Promise<ShapeEvolution> {
  const shaped = shapedColumns(loaded, live);
  if (shaped.length === 0) return { forward: [], rollback: [], narrowed: [], columns: [] };
  // Every read in one read-only transaction (one snapshot), each statement under the timeout.
  return db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL statement_timeout = ${quoteLiteral(timeout)}`);
    return evolutionOf(tx, loaded, shaped);
  }, { mode: 'READ ONLY' });
}

async function evolutionOf(tx: Queryable, loaded: LoadedSpec, shaped: readonly ShapedColumn[]): Promise<ShapeEvolution> {
  const forward: Step[] = [];
  const rollback: Step[] = [];
  const narrowed: Finding[] = [];
  const columns: { table: string; column: string }[] = [];
  for (const s of shaped) {
    const stepsBefore = forward.length;
    const t = q(s.table);
    const c = quoteIdent(s.column);
    const object = `${s.table}.${s.column}`;
    const isObject = `jsonb_typeof(${c}) = 'object'`;
    const any = async (predicate: string): Promise<boolean> =>
      (await tx.query<{ hit: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${t} WHERE ${predicate}) AS hit`))[0]?.hit === true;
    for (const [name, property] of Object.entries(s.shape.properties ?? {})) {
      const key = quoteLiteral(name);
      const at = `${object}.${name}`;
      if (property.renamed_from !== undefined) {
        const old = quoteLiteral(property.renamed_from);
        const moves = `${isObject} AND ${c} ? ${old} AND NOT ${c} ? ${key}`;
        if (await any(moves)) {
          // The app version still deployed reads and writes the old key: a rename breaks it, as a column rename does.
          const breaks = `property ${property.renamed_from} of ${object} (now ${name}): the deployed app reading it finds nothing`;
          forward.push(renameStep(t, s.column, old, key, moves, `~ move ${object} property ${property.renamed_from} to ${name} in batches (rows holding ${property.renamed_from})`, at, breaks));
          const back = `${isObject} AND ${c} ? ${key} AND NOT ${c} ? ${old}`;
          rollback.unshift(renameStep(t, s.column, key, old, back, `~ move ${object} property ${name} back to ${property.renamed_from} in batches`, at));
        }
      }
      if (property.default !== undefined) {
        const value = `${quoteLiteral(JSON.stringify(property.default))}::jsonb`;
        const lacking = `${isObject} AND NOT ${c} ? ${key}${property.renamed_from !== undefined ? ` AND NOT ${c} ? ${quoteLiteral(property.renamed_from)}` : ''}`;
        if (await any(lacking)) {
          forward.push(
            step(batchedUpdateSql(t, s.column, `${c} || jsonb_build_object(${key}, ${value})`, lacking), `~ add ${object} property ${name} (its default) to the rows that lack it, in batches`, at, {
              transactional: false,
              hazards: ['not-transactional'],
            }),
          );
          // Exact when no row held exactly the default before, which the plan checks below.
          rollback.unshift(
            step(batchedUpdateSql(t, s.column, `${c} - ${key}`, `${isObject} AND ${c} -> ${key} = ${value}`), `~ remove ${object} property ${name} from the rows holding its default, in batches`, at, {
              transactional: false,
              hazards: ['not-transactional'],
            }),
          );
          if (await any(`${isObject} AND ${c} -> ${key} = ${value}`)) {
            narrowed.push({
              ...specPosition(loaded, `tables/${s.specKey}/columns/${s.column}/shape/properties/${name}/default`),
              severity: 'error',
              code: 'backwards-compatible',
              message: `some rows of ${object} already hold ${name} = ${JSON.stringify(property.default)}: the rollback, which removes the default it added, would remove theirs too`,
              fix: 'allow it with --allow-hazard breaks-clients, or give the property another default',
            });
          }
        }
      }
    }
    if (forward.length > stepsBefore) columns.push({ table: s.table, column: s.column });
    // A sample of the rows against the new shape: what it would misread.
    const sample = await tx.query<{ v: JsonValue }>(`SELECT ${c} AS v FROM ${t} WHERE ${c} IS NOT NULL LIMIT ${SAMPLE}`);
    let misread = 0;
    let first: string | undefined;
    for (const row of sample) {
      const problem = shapeProblem(s.shape, applyEvolution(s.shape, row.v));
      if (problem !== undefined) {
        misread++;
        first ??= problem;
      }
    }
    if (misread > 0) {
      narrowed.push({
        ...specPosition(loaded, `tables/${s.specKey}/columns/${s.column}/shape`),
        severity: 'error',
        code: 'backwards-compatible',
        message: `${misread} of ${sample.length} sampled rows of ${object} do not match its shape (${first}): a property removed or narrowed, code generated from the new shape misreads them`,
        fix: 'keep the property (or widen its type), move the old rows first, or allow it with --allow-hazard breaks-clients',
      });
    }
  }
  return { forward, rollback, narrowed, columns };
}

function renameStep(t: string, column: string, from: string, to: string, predicate: string, description: string, object: string, breaks?: string): Step {
  const c = quoteIdent(column);
  const moved = step(batchedUpdateSql(t, column, `(${c} - ${from}) || jsonb_build_object(${to}, ${c} -> ${from})`, predicate), description, object, {
    transactional: false,
    hazards: breaks === undefined ? ['not-transactional'] : ['breaks-clients', 'not-transactional'],
  });
  return breaks === undefined ? moved : { ...moved, breaks };
}

/** A row as the forward steps leave it: defaults added where missing, renamed keys moved. */
function applyEvolution(shape: JsonShape, value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, JsonValue> = { ...(value as Record<string, JsonValue>) };
  for (const [name, property] of Object.entries(shape.properties ?? {})) {
    if (property.renamed_from !== undefined && property.renamed_from in out && !(name in out)) {
      out[name] = out[property.renamed_from]!;
      delete out[property.renamed_from];
    }
    if (property.default !== undefined && !(name in out)) out[name] = property.default;
  }
  return out;
}

/** The plan with the evolution's steps after its own (the rows change once the catalog is in place) and their inverses first in the rollback. */
export function withEvolution(plan: Plan, evolution: ShapeEvolution | undefined): Plan {
  if (!evolution || evolution.forward.length === 0) return plan;
  const forward = [...plan.forward, ...evolution.forward];
  return {
    ...plan,
    forward,
    rollback: [...evolution.rollback, ...plan.rollback],
    hazards: [...new Set([...plan.hazards, ...evolution.forward.flatMap((s) => s.hazards)])].sort(),
  };
}

