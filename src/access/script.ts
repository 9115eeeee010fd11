/**
 * The SQL of one access test. Pure. The same text runs in `schema test`, in `plan`, and in the
 * pgTAP files `--emit pgtap` writes:
 *
 * - setup: the given rows (inserted as the session user, so row level security does not hide or
 *   refuse them) and the JWT claims (`request.jwt.claims`, transaction-local);
 * - probe: `SET LOCAL ROLE`, then the operation in a DO block that records its outcome in a
 *   transaction-local setting (`ok:<rows>` or `denied:<message>`), then back to the session role;
 * - verdict: a boolean over that setting.
 *
 * Values from the YAML are sent as literals, identifiers quoted; `where` is an SQL expression the
 * spec validation has checked to be one expression.
 */
import { quoteIdent, quoteLiteral, quoteQualified, splitQualified } from '../catalog/names.js';
import type { AccessCase, AccessRow, AccessValue } from './types.js';

export const OUTCOME_SETTING = 'schema_test.outcome';
const OUTCOME = `pg_catalog.current_setting(${quoteLiteral(OUTCOME_SETTING)}, true)`;
const ROWS = 'schema_test_rows';

function literal(value: AccessValue): string {
  if (value === null) return 'NULL';
  return quoteLiteral(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function relation(key: string): string {
  const { schema, name } = splitQualified(key);
  return quoteQualified(schema, name);
}

function insertRow(table: string, row: AccessRow): string {
  const columns = Object.keys(row);
  if (columns.length === 0) return `INSERT INTO ${relation(table)} DEFAULT VALUES`;
  return `INSERT INTO ${relation(table)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map((c) => literal(row[c]!)).join(', ')})`;
}

const whereClause = (where: string | undefined): string => (where === undefined ? '' : ` WHERE (${where})`);

/** Given rows, then the claims; ends with `;`. */
export function setupSql(c: AccessCase): string {
  const lines = c.given.flatMap(([table, rows]) => rows.map((row) => `${insertRow(table, row)};`));
  const claims = { role: c.as, ...c.claims };
  lines.push(`SELECT pg_catalog.set_config('request.jwt.claims', ${quoteLiteral(JSON.stringify(claims))}, true);`);
  lines.push(`SELECT pg_catalog.set_config(${quoteLiteral(OUTCOME_SETTING)}, '', true);`);
  return lines.join('\n');
}

function operationSql(c: AccessCase): string {
  const op = c.operation;
  const t = relation(c.table);
  switch (op.kind) {
    case 'select':
      return `SELECT count(*) INTO ${ROWS} FROM ${t}${whereClause(op.where)};`;
    case 'insert':
      return `${insertRow(c.table, op.row)};\n  GET DIAGNOSTICS ${ROWS} = ROW_COUNT;`;
    case 'update': {
      const set = Object.entries(op.set).map(([column, value]) => `${quoteIdent(column)} = ${literal(value)}`).join(', ');
      return `UPDATE ${t} SET ${set}${whereClause(op.where)};\n  GET DIAGNOSTICS ${ROWS} = ROW_COUNT;`;
    }
    case 'delete':
      return `DELETE FROM ${t}${whereClause(op.where)};\n  GET DIAGNOSTICS ${ROWS} = ROW_COUNT;`;
    default: {
      const never: never = op;
      throw new Error(`unknown access operation ${JSON.stringify(never)}`);
    }
  }
}

/** A dollar-quote tag the body does not contain. */
function dollarTag(body: string): string {
  for (let n = 0; ; n++) {
    const tag = `$access_test${n === 0 ? '' : n}$`;
    if (!body.includes(tag)) return tag;
  }
}

/** The operation as the role; ends back in the session role. */
export function probeSql(c: AccessCase): string {
  const body =
    `DECLARE ${ROWS} bigint; BEGIN\n  ${operationSql(c)}\n` +
    `  PERFORM pg_catalog.set_config(${quoteLiteral(OUTCOME_SETTING)}, 'ok:' || ${ROWS}, true);\n` +
    `EXCEPTION WHEN insufficient_privilege THEN\n` +
    `  PERFORM pg_catalog.set_config(${quoteLiteral(OUTCOME_SETTING)}, 'denied:' || SQLERRM, true);\nEND `;
  const tag = dollarTag(body);
  return [`SET LOCAL ROLE ${quoteIdent(c.as)};`, `DO ${tag} ${body}${tag};`, 'SET LOCAL ROLE NONE;'].join('\n');
}

/** True when the recorded outcome is what the case expects. */
export function verdictSql(c: AccessCase): string {
  const op = c.operation;
  const writes = op.kind === 'update' || op.kind === 'delete';
  if (c.expect === 'denied') return `(${OUTCOME} LIKE 'denied:%'${writes ? ` OR ${OUTCOME} = 'ok:0'` : ''})`;
  if (op.kind === 'select' && op.count !== undefined) return `(${OUTCOME} = ${quoteLiteral(`ok:${op.count}`)})`;
  return `(${OUTCOME} LIKE 'ok:%'${writes ? ` AND ${OUTCOME} <> 'ok:0'` : ''})`;
}

/** What the case expects, in words. */
export function expectation(c: AccessCase): string {
  const op = c.operation;
  if (c.expect === 'denied') return op.kind === 'update' || op.kind === 'delete' ? `${op.kind} denied or touching no row` : `${op.kind} denied`;
  if (op.kind === 'select') return op.count === undefined ? 'select allowed' : `select seeing ${op.count} row${op.count === 1 ? '' : 's'}`;
  return op.kind === 'insert' ? 'insert allowed' : `${op.kind} of at least one row`;
}

/** What happened, in words, from the recorded outcome. */
export function observation(c: AccessCase, outcome: string): string {
  if (outcome.startsWith('denied:')) return `denied: ${outcome.slice('denied:'.length)}`;
  if (!outcome.startsWith('ok:')) return 'did not run';
  const rows = Number(outcome.slice(3));
  const plural = rows === 1 ? '' : 's';
  switch (c.operation.kind) {
    case 'select':
      return `saw ${rows} row${plural}`;
    case 'insert':
      return 'the insert succeeded';
    case 'update':
      return `updated ${rows} row${plural}`;
    case 'delete':
      return `deleted ${rows} row${plural}`;
    default: {
      const never: never = c.operation;
      throw new Error(`unknown access operation ${JSON.stringify(never)}`);
    }
  }
}

/** The whole query that reads the verdict back: `passed`, `outcome`. */
export function verdictQuery(c: AccessCase): string {
  return `SELECT ${verdictSql(c)} AS passed, coalesce(${OUTCOME}, '') AS outcome`;
}
