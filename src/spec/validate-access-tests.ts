/**
 * Checks a table's `tests:` offline: one operation per case, a role, known tables and columns,
 * `where` one SQL expression. Reports through the spec's CheckContext, at YAML positions.
 */
import type { CheckContext, Path } from './check-context.js';
import { refKey } from './spec-index.js';
import { didYouMean } from './suggest.js';
import type { AccessRow, AccessTestSpec } from './types.js';

const OPERATIONS = ['select', 'insert', 'update', 'delete'] as const;

/** Columns of a table the spec knows: a managed table's, a preset table's; undefined when unknown. */
function knownColumns(ctx: CheckContext, key: string): readonly string[] | undefined {
  const managed = ctx.index.tables.get(key);
  if (managed) return Object.keys(managed.table.columns ?? {});
  const preset = ctx.preset.tables[key];
  return preset ? preset.map((c) => c.name) : undefined;
}

function checkRow(ctx: CheckContext, path: Path, table: string, row: AccessRow, columns: readonly string[] | undefined): void {
  if (!columns) return;
  for (const column of Object.keys(row)) {
    if (columns.includes(column)) continue;
    const suggestion = didYouMean(column, columns);
    ctx.error([...path, column], 'unknown-column', `"${column}" is not a column of ${table}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, `use one of: ${columns.join(', ')}`);
  }
}

export function checkAccessTests(ctx: CheckContext, base: Path, tableKey: string | undefined, tests: Readonly<Record<string, AccessTestSpec>>): void {
  const own = tableKey === undefined ? undefined : knownColumns(ctx, tableKey);
  for (const [name, t] of Object.entries(tests)) {
    const path = [...base, 'tests', name];
    ctx.name(path, name, 'access test');
    ctx.name([...path, 'as'], t.as, 'role');
    const present = OPERATIONS.filter((op) => t[op] !== undefined);
    if (present.length !== 1) {
      ctx.error(path, 'invalid-access-test', present.length === 0 ? `access test "${name}" has no operation` : `access test "${name}" has ${present.length} operations (${present.join(', ')})`, 'give exactly one of select, insert, update, delete');
      continue;
    }
    for (const [given, rows] of Object.entries(t.given ?? {})) {
      const key = refKey(given);
      if (key === undefined) {
        ctx.error([...path, 'given', given], 'invalid-name', `"${given}" is not a table name`);
        continue;
      }
      const columns = knownColumns(ctx, key);
      rows.forEach((row, i) => checkRow(ctx, [...path, 'given', given, i], given, row, columns));
    }
    const label = tableKey ?? 'the table';
    if (t.select?.where !== undefined) ctx.expression([...path, 'select', 'where'], t.select.where, 'where');
    if (t.update?.where !== undefined) ctx.expression([...path, 'update', 'where'], t.update.where, 'where');
    if (t.delete?.where !== undefined) ctx.expression([...path, 'delete', 'where'], t.delete.where, 'where');
    if (t.insert !== undefined) checkRow(ctx, [...path, 'insert'], label, t.insert, own);
    if (t.update !== undefined) {
      checkRow(ctx, [...path, 'update', 'set'], label, t.update.set, own);
      if (Object.keys(t.update.set).length === 0) ctx.error([...path, 'update', 'set'], 'invalid-access-test', 'an update test sets at least one column', 'name a column and its new value under `set:`');
    }
    if (t.select !== undefined && t.select.count === undefined && t.expect !== 'denied') {
      ctx.error([...path, 'select'], 'invalid-access-test', `select test "${name}" says neither how many rows the role sees nor that it is denied`, 'add `count: N`, or `expect: denied`');
    }
  }
}
