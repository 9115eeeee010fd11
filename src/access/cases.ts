/** The spec's access tests as resolved cases, in a stable order (table, then case name). Pure. */
import { refKey } from '../spec/spec-index.js';
import type { Spec } from '../spec/types.js';
import type { AccessCase, AccessOperation, AccessTestSpec } from './types.js';

export function operationOf(t: AccessTestSpec): AccessOperation | undefined {
  if (t.select !== undefined) return { kind: 'select', ...(t.select.where === undefined ? {} : { where: t.select.where }), ...(t.select.count === undefined ? {} : { count: t.select.count }) };
  if (t.insert !== undefined) return { kind: 'insert', row: t.insert };
  if (t.update !== undefined) return { kind: 'update', set: t.update.set, ...(t.update.where === undefined ? {} : { where: t.update.where }) };
  if (t.delete !== undefined) return { kind: 'delete', ...(t.delete.where === undefined ? {} : { where: t.delete.where }) };
  return undefined;
}

/** Every case of a valid spec (validation has already refused malformed ones). */
export function accessCases(spec: Spec): AccessCase[] {
  const cases: AccessCase[] = [];
  for (const [tableName, table] of Object.entries(spec.tables ?? {})) {
    const key = refKey(tableName);
    if (key === undefined) continue;
    for (const [name, t] of Object.entries(table.tests ?? {})) {
      const operation = operationOf(t);
      if (!operation) continue;
      cases.push({
        table: key,
        name,
        as: t.as,
        claims: t.claims ?? {},
        given: Object.entries(t.given ?? {}).map(([given, rows]) => [refKey(given) ?? given, rows] as const),
        operation,
        expect: t.expect ?? 'allowed',
        path: ['tables', tableName, 'tests', name],
      });
    }
  }
  return cases.sort((a, b) => (a.table === b.table ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.table < b.table ? -1 : 1));
}
