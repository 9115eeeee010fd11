/**
 * Grants a role cannot use: a role granted a table or sequence in a schema that gives it no USAGE
 * gets "permission denied for schema" whatever the table grants. `public` is reachable unless its
 * grants are declared without the role; any other schema only through its declared grants.
 */
import { basePrivilege } from '../catalog/privileges.js';
import type { CheckContext } from './check-context.js';
import { refParts } from './spec-index.js';
import type { Spec } from './types.js';

export function checkReach(ctx: CheckContext, spec: Spec): void {
  const reaches = (schema: string, role: string): boolean => {
    const grants = spec.schemas?.[schema]?.grants;
    if (grants === undefined) return schema === 'public';
    const listed = [...(grants[role] ?? []), ...(grants['public'] ?? [])];
    return listed.some((p) => basePrivilege(p) === 'usage' || (basePrivilege(p) as string) === 'all');
  };
  const check = (section: 'tables' | 'sequences', specKey: string, grants: Readonly<Record<string, readonly unknown[]>> | undefined, what: string): void => {
    const { schema } = refParts(specKey);
    for (const [role, privileges] of Object.entries(grants ?? {})) {
      if (privileges.length === 0 || role === 'public' || reaches(schema, role)) continue;
      ctx.warn(
        [section, specKey, 'grants', role],
        'unreachable-grant',
        `${role} is granted ${what} ${specKey} but has no USAGE on schema ${schema}, so it cannot reach it`,
        `add \`${role}: [usage]\` to \`schemas: { ${schema}: { grants: ... } }\``,
      );
    }
  };
  for (const [key, t] of Object.entries(spec.tables ?? {})) check('tables', key, t.grants, 'table');
  for (const [key, s] of Object.entries(spec.sequences ?? {})) check('sequences', key, s?.grants, 'sequence');
}
