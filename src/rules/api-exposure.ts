import { inner, qualified, schemaOf, strings, type Node, type RangeVar } from '../sql/ast.js';
import { basePrivilege } from '../catalog/privileges.js';
import type { PrivilegeSpec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, hasPolicyFor, isExposed, isGenerated, isWaived, specFinding, splitTableKey, sqlFinding, tablesOf } from './helpers.js';
import type { ExposureFacts, Rule } from './types.js';
import type { FileAnalysis } from '../sql/analyze.js';

const ID = 'api-exposure';
const API_ROLES = ['anon', 'authenticated'];
const RLS_COMMANDS = ['select', 'insert', 'update', 'delete'] as const;

function grantedRoles(grantees: unknown): string[] {
  return ((grantees as Node[] | undefined) ?? []).map((g) => {
    const role = inner(g);
    return role['roletype'] === 'ROLESPEC_PUBLIC' ? 'public' : String(role['rolename'] ?? '');
  });
}

const truthy = (arg: unknown): boolean => ['true', 'on', '1', 'yes'].includes(String(inner((arg ?? {}) as Node)['sval'] ?? inner((arg ?? {}) as Node)['ival'] ?? 'true').toLowerCase());

/** Views a file creates or alters, with whether they are `security_invoker`, and the tables it enables RLS on. */
export function exposureFacts(analysis: FileAnalysis): ExposureFacts {
  const views = new Map<string, boolean>();
  for (const unit of analysis.units) {
    const b = unit.body;
    if (unit.kind === 'ViewStmt') {
      const option = ((b['options'] as Node[] | undefined) ?? []).map(inner).find((d) => d['defname'] === 'security_invoker');
      views.set(qualified(b['view'] as RangeVar), option !== undefined && truthy(option['arg']));
    } else if (unit.kind === 'AlterTableStmt' && b['objtype'] === 'OBJECT_VIEW') {
      for (const cmd of ((b['cmds'] as Node[] | undefined) ?? []).map(inner)) {
        if (cmd['subtype'] !== 'AT_SetRelOptions' && cmd['subtype'] !== 'AT_ResetRelOptions') continue;
        const items = ((inner((cmd['def'] ?? {}) as Node)['items'] as Node[] | undefined) ?? []).map(inner);
        const option = items.find((d) => d['defname'] === 'security_invoker');
        if (option) views.set(qualified(b['relation'] as RangeVar), cmd['subtype'] === 'AT_SetRelOptions' && truthy(option['arg']));
      }
    }
  }
  return { rlsTables: analysis.rlsTables, views };
}

/** The facts of a directory's files so far, then this one's. */
export function mergeFacts(a: ExposureFacts | undefined, b: ExposureFacts): ExposureFacts {
  return { rlsTables: new Set([...(a?.rlsTables ?? []), ...b.rlsTables]), views: new Map([...(a?.views ?? []), ...b.views]) };
}

export const apiExposure: Rule = {
  id: ID,
  title: 'Tables granted to anon/authenticated have RLS and a policy per granted command',
  severity: 'error',
  docs: `## Why
A GRANT to \`anon\` or \`authenticated\` publishes the table through the Data API. Without RLS
every row is readable (or writable) with the public anon key; with RLS but no policy for a granted
command, that command silently returns nothing. \`TRUNCATE\` is not subject to RLS at all.
Supabase no longer grants new tables automatically, so declare the grants: no declaration means
the table's exposure depends on defaults nobody reviewed. A view has no RLS of its own: it reads
its tables with its owner's rights, so a view granted to an API role must be
\`security_invoker = true\` (PostgreSQL 15+; the tables' RLS then applies to the caller). Lint reads a
migrations directory in order: RLS enabled (or a view created) in an earlier file counts.

## Bad
\`\`\`sql
CREATE TABLE IF NOT EXISTS public.notes (id uuid PRIMARY KEY, body text);
GRANT SELECT, INSERT ON public.notes TO anon, authenticated;
\`\`\`
\`\`\`yaml
notes: { grants: { authenticated: [select, insert] }, rls: true, policies: { own: { for: select, using: auth.uid() = user_id } } }  # no insert policy
\`\`\`

## Good
\`\`\`sql
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON public.notes TO authenticated;
\`\`\`
\`\`\`yaml
notes:
  rls: true
  grants: { authenticated: [select], service_role: [all] }
  policies: { notes_select_own: { for: select, to: authenticated, using: auth.uid() = user_id } }
\`\`\`

## Waive
YAML: \`waive: { api-exposure: "public read-only catalogue" }\` on the table. SQL: \`-- schema:waive api-exposure reason\`.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const analysis = analysisOf(input);
    const facts = mergeFacts(input.earlier, exposureFacts(analysis));
    for (const unit of analysis.units) {
      if (unit.kind !== 'GrantStmt' || unit.body['is_grant'] !== true || unit.body['objtype'] !== 'OBJECT_TABLE') continue;
      const roles = grantedRoles(unit.body['grantees']).filter((r) => API_ROLES.includes(r) || r === 'public');
      if (roles.length === 0) continue;
      if (unit.body['targtype'] === 'ACL_TARGET_ALL_IN_SCHEMA') {
        if (isGenerated(input)) continue;
        const schemas = strings(unit.body['objects']);
        if (!schemas.some((s) => isExposed(s, input))) continue;
        findings.push(sqlFinding(input, unit, undefined, 'warning', ID,
          `GRANT ON ALL TABLES IN SCHEMA ${schemas.join(', ')} TO ${roles.join(', ')} exposes every table, RLS or not`,
          'grant table by table, each with RLS enabled and policies'));
        continue;
      }
      for (const object of (unit.body['objects'] as Node[] | undefined) ?? []) {
        const relation = inner(object) as RangeVar;
        const name = qualified(relation);
        if (!isExposed(schemaOf(relation), input)) continue;
        const invoker = facts.views.get(name);
        if (invoker !== undefined) {
          // A view has no RLS of its own: it reads its tables with its owner's rights unless it is
          // security_invoker (PostgreSQL 15+), and then their RLS applies to the caller.
          if (invoker || isGenerated(input)) continue;
          findings.push(sqlFinding(input, unit, relation.location, 'error', ID,
            `GRANT to ${roles.join(', ')} on view ${name}, which reads its tables with its owner's rights, so their row level security does not apply`,
            `create the view WITH (security_invoker = true) (PostgreSQL 15+), or grant it to no API role`));
          continue;
        }
        if (facts.rlsTables.has(name)) continue;
        // Generated SQL: existing tables' RLS is proven on the spec; only this file's new tables are checked.
        if (isGenerated(input) && !analysis.createdTables.has(name)) continue;
        findings.push(sqlFinding(input, unit, relation.location, 'error', ID,
          `GRANT to ${roles.join(', ')} on ${name}, but neither this file nor an earlier one of its directory enables row level security on it`,
          `add ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY; and a policy for each granted command`));
      }
    }
    return findings;
  },
  checkSpec(input) {
    const findings: Finding[] = [];
    for (const [key, table] of tablesOf(input)) {
      if (!isExposed(splitTableKey(key).schema, input) || isWaived(ID, table)) continue;
      if (!table.grants || Object.keys(table.grants).length === 0) {
        findings.push(specFinding(input, `tables/${key}`, 'warning', ID, `table ${key} is in an exposed schema but declares no grants`,
          'declare grants: { authenticated: [...], service_role: [all] } (or grants: {} to expose nothing)'));
        continue;
      }
      for (const role of API_ROLES) {
        // A column privilege (`{ update: [bio] }`) opens its command as a table privilege does.
        const privileges = (table.grants[role] ?? []).flatMap((p) => (typeof p === 'string' ? [p] : (Object.keys(p) as PrivilegeSpec[]))).map((p) => basePrivilege(p) as PrivilegeSpec);
        if (privileges.length === 0) continue;
        const path = `tables/${key}/grants/${role}`;
        if (table.rls !== true) {
          findings.push(specFinding(input, path, 'error', ID, `${key} is granted to ${role} without rls: true: every row is exposed through the Data API`,
            'add rls: true and a policy for each granted command'));
          continue;
        }
        if (privileges.includes('truncate') || privileges.includes('all')) {
          findings.push(specFinding(input, path, 'error', ID, `${key} grants TRUNCATE to ${role} (directly or through all), and TRUNCATE ignores RLS`,
            'list the commands: [select, insert, update, delete]'));
        }
        const commands = privileges.includes('all') ? RLS_COMMANDS : RLS_COMMANDS.filter((c) => privileges.includes(c));
        for (const command of commands) {
          if (!hasPolicyFor(table, role, command)) {
            findings.push(specFinding(input, path, 'error', ID, `${key} grants ${command} to ${role} but no policy covers ${command} for ${role}`,
              `add a policy { for: ${command}, to: ${role}, ... } or drop ${command} from the grant`));
          }
        }
      }
    }
    return findings;
  },
};
