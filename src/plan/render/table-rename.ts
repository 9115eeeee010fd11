/**
 * SQL for a table rename (SET SCHEMA, RENAME TO) and what it renames with the table: its constraints (a key's index follows its
 * constraint), indexes and owned sequences. Each step is guarded by the old name existing and the
 * new one not, so a re-run is a no-op; all of it is catalog metadata, nothing is rebuilt.
 */
import { quoteIdent, splitQualified } from '../../catalog/names.js';
import type { RenamedParts } from '../diff/table-renames.js';
import type { Step } from '../types.js';
import { guarded, lit, q, step, str } from './sql.js';

export function renameTable(from: string, to: string): Step[] {
  const [fs, fn] = split(from);
  const [ts, tn] = split(to);
  const out: Step[] = [];
  let current = from;
  if (fs !== ts) {
    const moved = `${ts}.${fn}`;
    out.push(
      step(
        guarded(`to_regclass(${lit(from)}) IS NOT NULL AND to_regclass(${lit(to)}) IS NULL`, `ALTER TABLE ${q(from)} SET SCHEMA ${quoteIdent(ts)}`),
        `~ table ${from} -> schema ${ts}`,
        to,
      ),
    );
    current = moved;
  }
  if (fn !== tn) {
    out.push(
      step(
        guarded(`to_regclass(${lit(current)}) IS NOT NULL AND to_regclass(${lit(to)}) IS NULL`, `ALTER TABLE ${q(current)} RENAME TO ${quoteIdent(tn)}`),
        `~ table ${from} renamed to ${to}`,
        to,
      ),
    );
  }
  return out;
}

function split(key: string): [string, string] {
  const dot = key.indexOf('.');
  return [key.slice(0, dot), key.slice(dot + 1)];
}

/** Steps after `ALTER TABLE ... RENAME`, on the table under its new key `table`. */
export function renamedParts(table: string, parts: RenamedParts): Step[] {
  const { schema } = splitQualified(table);
  const inSchema = (name: string): string => `${schema}.${name}`;
  const out: Step[] = [];
  const hasConstraint = (name: string): string => `EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass(${lit(table)}) AND conname = ${str(name)})`;
  for (const [from, to] of parts.constraints) {
    out.push(
      step(
        guarded(`${hasConstraint(from)} AND NOT ${hasConstraint(to)}`, `ALTER TABLE ${q(table)} RENAME CONSTRAINT ${quoteIdent(from)} TO ${quoteIdent(to)}`),
        `~ constraint ${from} on ${table} renamed to ${to}`,
        `${table}.${to}`,
      ),
    );
  }
  const relation = (kind: 'INDEX' | 'SEQUENCE', from: string, to: string, condition = ''): Step =>
    step(
      guarded(
        `${condition}to_regclass(${lit(inSchema(from))}) IS NOT NULL AND to_regclass(${lit(inSchema(to))}) IS NULL`,
        `ALTER ${kind} ${q(inSchema(from))} RENAME TO ${quoteIdent(to)}`,
      ),
      `~ ${kind.toLowerCase()} ${inSchema(from)} renamed to ${inSchema(to)}`,
      inSchema(to),
    );
  for (const [from, to] of parts.indexes) out.push(relation('INDEX', from, to));
  for (const [from, to] of parts.sequences) out.push(relation('SEQUENCE', from, to));
  // An identity column's sequence only while it still has the old table's default name.
  for (const s of parts.identitySequences) {
    out.push(relation('SEQUENCE', s.from, s.to, `pg_catalog.pg_get_serial_sequence(${lit(table)}, ${str(s.column)}) = ${str(q(inSchema(s.from)))} AND `));
  }
  return out;
}
