/** The online backfill of a new NOT NULL column: fill-on-insert trigger, batched statement, cleanup. */
import { quoteIdent } from '../../catalog/names.js';
import { batchedBackfillSql } from '../../sql/backfill.js';
import type { Step } from '../types.js';
import { q, shortName, step } from './sql.js';

/**
 * Steps after `ADD COLUMN` (in its transaction: the fill trigger; then, outside any transaction, the
 * batched statement) and after SET NOT NULL (dropping the trigger).
 *
 * `schema apply` runs the batched statement batch by batch, each its own short transaction with the
 * UPDATE triggers silenced (src/apply/batch.ts); the ADD COLUMN has committed by then, so no batch
 * waits behind or holds its ACCESS EXCLUSIVE lock. While it runs, rows the app inserts without the
 * new column get it from the backfill expression (a BEFORE INSERT trigger evaluating it over the new
 * row), so no NULL appears behind the batches and the check that follows holds.
 */
function fillNames(table: string, column: string): { fn: string; trigger: string } {
  const dot = table.indexOf('.');
  const schema = table.slice(0, dot);
  const name = table.slice(dot + 1);
  return { fn: `${schema}.${shortName(`${name}_${column}`, '_backfill')}`, trigger: shortName(`${name}_${column}`, '_backfill') };
}

/** Drops the fill trigger and its function (after SET NOT NULL; in the rollback, before the column goes). */
export function backfillCleanup(table: string, column: string): Step[] {
  const { fn, trigger } = fillNames(table, column);
  const object = `${table}.${column}`;
  return [
    step(`DROP TRIGGER IF EXISTS ${quoteIdent(trigger)} ON ${q(table)}`, `- trigger ${trigger} on ${table}`, object),
    step(`DROP FUNCTION IF EXISTS ${q(fn)}()`, `- function ${fn}`, object),
  ];
}

export function onlineBackfill(table: string, column: string, expression: string): { fill: Step[]; cleanup: Step[] } {
  const { fn, trigger } = fillNames(table, column);
  const c = quoteIdent(column);
  const object = `${table}.${column}`;
  const body = `\nBEGIN\n  IF NEW.${c} IS NULL THEN\n    NEW.${c} := (SELECT (${expression}) FROM (SELECT NEW.*) AS row);\n  END IF;\n  RETURN NEW;\nEND\n`;
  let tag = 'fill';
  for (let i = 1; body.includes(`$${tag}$`); i++) tag = `fill${i}`;
  return {
    fill: [
      step(`CREATE OR REPLACE FUNCTION ${q(fn)}() RETURNS trigger LANGUAGE plpgsql AS $${tag}$${body}$${tag}$`, `+ function ${fn} (fills ${object} on INSERT while it is backfilled)`, object),
      step(`CREATE OR REPLACE TRIGGER ${quoteIdent(trigger)} BEFORE INSERT ON ${q(table)} FOR EACH ROW EXECUTE FUNCTION ${q(fn)}()`, `+ trigger ${trigger} on ${table} (while ${object} is backfilled)`, object),
      step(batchedBackfillSql(q(table), column, expression), `~ backfill ${object} in batches, each its own transaction (UPDATE triggers do not fire)`, object, {
        transactional: false,
        hazards: ['not-transactional'],
      }),
    ],
    cleanup: backfillCleanup(table, column),
  };
}
