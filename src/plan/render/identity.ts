/** Changing sequence options: an identity column's (ALTER COLUMN ... SET INCREMENT BY ...) and a standalone sequence's. */
import { fullIdentityOptions } from '../../catalog/identity-options.js';
import type { IdentityOptions, Sequence } from '../../catalog/types.js';
import { lit, q, str } from './sql.js';

/**
 * Every option spelled out (no old bound conflicts with a new one). A sequence whose current value
 * falls outside the new bounds (a MINVALUE raised past it) cannot keep it: it restarts at the new
 * start, the next value the options give.
 */
export function identityAlterSql(alterColumn: string, generation: string, table: string, column: string, type: string, o: IdentityOptions | undefined): string {
  const f = fullIdentityOptions(type, o);
  const set = `${generation ? `${generation} ` : ''}SET INCREMENT BY ${f.increment} SET MINVALUE ${f.min} SET MAXVALUE ${f.max} SET START WITH ${f.start} SET CACHE ${f.cache} SET ${f.cycle ? 'CYCLE' : 'NO CYCLE'}`;
  const body = [
    `  EXECUTE format('SELECT last_value FROM %s', pg_catalog.pg_get_serial_sequence(${lit(table)}, ${str(column)})) INTO seq_at;`,
    `  IF seq_at < ${f.min} OR seq_at > ${f.max} THEN`,
    `    ${alterColumn} ${set} RESTART;`,
    '  ELSE',
    `    ${alterColumn} ${set};`,
    '  END IF;',
  ].join('\n');
  return `DO $do$\nDECLARE seq_at numeric;\nBEGIN\n${body}\nEND\n$do$`;
}

/** ALTER SEQUENCE with the options; restarted at its start when its value falls outside the new bounds. */
export function alterSequenceSql(s: Sequence, options: string): string {
  const seq = q(`${s.schema}.${s.name}`);
  const body = [
    `  IF (SELECT last_value FROM ${seq}) NOT BETWEEN ${s.min} AND ${s.max} THEN`,
    `    ALTER SEQUENCE ${seq}${options} RESTART;`,
    '  ELSE',
    `    ALTER SEQUENCE ${seq}${options};`,
    '  END IF;',
  ].join('\n');
  return `DO $do$\nBEGIN\n${body}\nEND\n$do$`;
}
