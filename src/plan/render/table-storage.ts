/** Storage parameters of tables and indexes: `WITH (...)`, and `ALTER TABLE ... SET / RESET (...)`. */
import { splitOption } from '../../catalog/names.js';
import type { Step } from '../types.js';
import { q, step, str } from './sql.js';

/** `fillfactor=70` -> `fillfactor = '70'`: the name is an identifier (checked in the spec), the value a literal. */
export function storageParameterSql(option: string): string {
  const { name, value } = splitOption(option);
  if (!/^[a-z_][a-z0-9_.]*$/i.test(name)) throw new Error(`not a storage parameter name: ${name}`);
  return value === undefined ? name : `${name} = ${str(value)}`;
}

const nameOf = (option: string): string => splitOption(option).name;

/**
 * From one set of parameters to another: SET what is new or changed, RESET what is gone. Both take
 * a SHARE UPDATE EXCLUSIVE lock and rewrite nothing (they apply to pages written from then on).
 */
export function setTableStorage(table: string, from: readonly string[], to: readonly string[]): Step[] {
  const wanted = new Set(to.map(nameOf));
  const set = to.filter((option) => !from.includes(option));
  const reset = from.map(nameOf).filter((name) => !wanted.has(name));
  const out: Step[] = [];
  if (set.length > 0) out.push(step(`ALTER TABLE ${q(table)} SET (${set.map(storageParameterSql).join(', ')})`, `~ table ${table} storage ${set.join(', ')}`, table));
  if (reset.length > 0) out.push(step(`ALTER TABLE ${q(table)} RESET (${reset.map(storageParameterSql).join(', ')})`, `~ table ${table} reset storage ${reset.join(', ')}`, table));
  return out;
}
