/**
 * Waivers the generated files carry, so they pass `schema lint` while doing exactly what was asked:
 * a table created without row level security in an exposed schema, or a column typed `timestamp`
 * without time zone, is either declared so by the spec (its `waive:` reason, else the spec finding
 * already reported) or, in a rollback, recreated as it was before the migration.
 */
import type { Catalog } from '../catalog/index.js';
import { splitQualified } from '../catalog/index.js';
import type { Step } from '../plan/index.js';
import { checkGeneratedSql } from '../rules/index.js';
import { refKey } from '../spec/spec-index.js';
import type { Spec } from '../spec/types.js';

const RLS = 'rls-required';

/** Table key -> the spec's `rls-required` waiver reason. */
export function specRlsWaivers(spec: Spec): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [specKey, table] of Object.entries(spec.tables ?? {})) {
    const reason = table.waive?.[RLS];
    if (reason !== undefined) out.set(refKey(specKey) ?? specKey, reason);
  }
  return out;
}

/**
 * Steps with an `rls-required` waiver on each CREATE TABLE of a table that `result` (the catalog
 * the file leads to) has without row level security, in an exposed schema.
 */
export function waiveRlsOnCreatedTables(
  steps: readonly Step[],
  result: Catalog,
  exposedSchemas: readonly string[],
  reasonFor: (table: string) => string,
): Step[] {
  return steps.map((step) => {
    if (!/^CREATE TABLE\b/i.test(step.sql)) return step;
    const table = result.tables[step.object];
    if (!table || table.rls || !exposedSchemas.includes(splitQualified(step.object).schema)) return step;
    return { ...step, waivers: { ...step.waivers, [RLS]: reasonFor(step.object) } };
  });
}

const TIMESTAMP = 'timestamptz';
const WITHOUT_ZONE = /\btimestamp\b(?!\s*(\(\s*\d+\s*\))?\s*with\s+time\s+zone)/i;

/** Steps with a `timestamptz` waiver where the statement itself types something `timestamp` without time zone. */
export function waiveTimestampColumns(steps: readonly Step[], reason: string): Step[] {
  return steps.map((step) => {
    if (!WITHOUT_ZONE.test(step.sql)) return step;
    const flagged = checkGeneratedSql('step.sql', `${step.sql};`, { exposedSchemas: [] }).some((f) => f.code === TIMESTAMP);
    return flagged ? { ...step, waivers: { ...step.waivers, [TIMESTAMP]: reason } } : step;
  });
}
