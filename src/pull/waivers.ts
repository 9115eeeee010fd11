/**
 * A pulled database as it is may break the checklist (tables without RLS in an exposed schema,
 * `timestamp` columns, foreign keys without ON DELETE). `plan` refuses checklist errors on what it
 * creates, so a pulled spec planned onto a fresh database would be refused for the state it was
 * pulled from. Pull writes each such error as a waiver on the object, with a reason that says so:
 * visible in review, and removed when the team fixes the object. Pure.
 */
import { checkSpecRules, type RuleOptions } from '../rules/index.js';
import { pathSubject } from '../spec/spec-index.js';
import type { ColumnSpec, Spec, TableSpec } from '../spec/types.js';

export const PULLED_REASON = 'pulled as the database had it; fix it, or keep this waiver to keep it so';

/** `spec` with a waiver for every checklist error its own rules find on one of its tables. */
export function waivePulledFindings(spec: Spec, options: RuleOptions): Spec {
  if (!spec.tables) return spec;
  const findings = checkSpecRules({ ...options, loaded: { spec, positions: new Map(), files: [] } });
  const tableWaivers = new Map<string, Set<string>>();
  const columnWaivers = new Map<string, Map<string, Set<string>>>();
  for (const f of findings) {
    const subject = f.severity === 'error' && f.path !== undefined ? pathSubject(f.path, spec) : undefined;
    if (subject?.section !== 'tables') continue;
    const { specKey: key, column } = subject;
    if (column !== undefined && spec.tables[key]!.columns?.[column]) {
      const byColumn = columnWaivers.get(key) ?? new Map<string, Set<string>>();
      byColumn.set(column, (byColumn.get(column) ?? new Set()).add(f.code));
      columnWaivers.set(key, byColumn);
    } else {
      tableWaivers.set(key, (tableWaivers.get(key) ?? new Set()).add(f.code));
    }
  }
  if (tableWaivers.size === 0 && columnWaivers.size === 0) return spec;
  const waive = (existing: Readonly<Record<string, string>> | undefined, rules: ReadonlySet<string> | undefined) =>
    rules ? { ...existing, ...Object.fromEntries([...rules].sort().map((rule) => [rule, PULLED_REASON])) } : existing;
  const tables: Record<string, TableSpec> = {};
  for (const [key, table] of Object.entries(spec.tables)) {
    const byColumn = columnWaivers.get(key);
    const columns = byColumn
      ? Object.fromEntries(
          Object.entries(table.columns ?? {}).map(([name, c]): [string, ColumnSpec] => {
            const rules = byColumn.get(name);
            return [name, rules ? { ...c, waive: waive(c.waive, rules)! } : c];
          }),
        )
      : table.columns;
    const tableWaive = waive(table.waive, tableWaivers.get(key));
    tables[key] = { ...table, ...(columns ? { columns } : {}), ...(tableWaive ? { waive: tableWaive } : {}) };
  }
  return { ...spec, tables };
}
