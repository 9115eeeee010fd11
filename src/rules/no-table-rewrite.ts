import { funcName, inner, walk, type Node } from '../sql/ast.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, isGenerated, sqlFinding } from './helpers.js';
import { altersOf, columnConstraintTypes } from './sql-facts.js';
import type { Rule } from './types.js';

const ID = 'no-table-rewrite';
const VOLATILE_DEFAULTS = new Set(['gen_random_uuid', 'uuid_generate_v4', 'uuid_generate_v1', 'random', 'clock_timestamp', 'timeofday', 'nextval']);

function hasVolatileCall(expr: unknown): string | undefined {
  let found: string | undefined;
  walk({ expr }, (kind, body) => {
    if (kind === 'FuncCall' && VOLATILE_DEFAULTS.has(funcName(body).name)) found ??= funcName(body).name;
  });
  return found;
}

export const noTableRewrite: Rule = {
  id: ID,
  title: 'Changes that rewrite a table are hazards (rewrites-table)',
  severity: 'warning',
  docs: `## Why
Some changes rewrite every row of the table under an ACCESS EXCLUSIVE lock: most column type
changes, adding a column whose default is volatile (\`gen_random_uuid()\`, \`clock_timestamp()\`),
adding a STORED generated column, \`SET LOGGED\`/\`UNLOGGED\`, \`VACUUM FULL\`, \`CLUSTER\`. On a
large table that is minutes of downtime. \`schema plan\` marks them \`rewrites-table\` and wants
\`--allow-hazard rewrites-table\`; lint warns.

## Bad
\`\`\`sql
ALTER TABLE events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
ALTER TABLE events ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid();
\`\`\`

## Good
Add a new column, backfill it in batches, switch readers, drop the old column later; or add the
column without a volatile default and fill it in batches.

## Waive
\`-- schema:waive no-table-rewrite table has 200 rows\` on the statement's line or the line before.
`,
  checkSql(input) {
    if (isGenerated(input)) return []; // the planner gates these with --allow-hazard rewrites-table
    const findings: Finding[] = [];
    const analysis = analysisOf(input);
    for (const alter of altersOf(analysis)) {
      if (analysis.createdTables.has(alter.table)) continue;
      const flag = (message: string, fix: string): void => {
        findings.push(sqlFinding(input, alter.unit, undefined, 'warning', ID, message, fix));
      };
      if (alter.subtype === 'AT_AlterColumnType') {
        flag(`changing the type of ${alter.table}.${String(alter.cmd['name'])} may rewrite the table under an ACCESS EXCLUSIVE lock`,
          'add a new column, backfill in batches and swap, unless the change is binary-compatible (e.g. varchar(n) -> text)');
      } else if (alter.subtype === 'AT_AddColumn') {
        const def = inner(alter.cmd['def']);
        const constraints = ((def['constraints'] as Node[] | undefined) ?? []).map((c) => inner(c));
        const volatile = constraints.filter((c) => c['contype'] === 'CONSTR_DEFAULT').map((c) => hasVolatileCall(c['raw_expr'])).find(Boolean);
        if (volatile) {
          flag(`ADD COLUMN ${String(def['colname'])} with volatile default ${volatile}() rewrites ${alter.table}`,
            'add the column without a default (or with a constant one), then fill it in batches');
        } else if (columnConstraintTypes(def).includes('CONSTR_GENERATED')) {
          flag(`ADD COLUMN ${String(def['colname'])} GENERATED ... STORED rewrites ${alter.table}`, 'add a plain column and fill it in batches, or compute it in a view');
        }
      } else if (alter.subtype === 'AT_SetLogged' || alter.subtype === 'AT_SetUnLogged' || alter.subtype === 'AT_SetAccessMethod') {
        flag(`${alter.subtype.slice(3)} rewrites ${alter.table}`, 'schedule it in a maintenance window');
      }
    }
    for (const unit of analysis.units) {
      const full = unit.kind === 'VacuumStmt' && ((unit.body['options'] as Node[] | undefined) ?? []).some((o) => inner(o)['defname'] === 'full');
      if (full || unit.kind === 'ClusterStmt') {
        findings.push(sqlFinding(input, unit, undefined, 'warning', ID, `${full ? 'VACUUM FULL' : 'CLUSTER'} rewrites the table under an ACCESS EXCLUSIVE lock`,
          'use pg_repack or schedule it in a maintenance window'));
      }
    }
    return findings;
  },
};
