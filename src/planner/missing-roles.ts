/**
 * Roles the YAML grants to (or names in a policy) that the target server lacks: the GRANT would
 * fail at apply. Refused at plan time at the first YAML line naming each, with the closest
 * existing role as a suggestion (a misspelt custom role passes `validate`, which cannot know them).
 */
import type { Queryable } from '../db/index.js';
import { didYouMean } from '../spec/suggest.js';
import { ownerPosition } from '../spec/owner-roles.js';
import type { LoadedSpec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';

/** The first position whose path names `role` as a grantee or a policy role. */
function whereNamed(loaded: LoadedSpec, role: string): { file: string; line: number; col: number } {
  const grant = `/grants/${role}`;
  for (const [path, position] of loaded.positions) if (path.endsWith(grant)) return position;
  const forRole = `/default_privileges/${role}`;
  for (const [path, position] of loaded.positions) if (path.endsWith(forRole) || path.includes(`${forRole}/`)) return position;
  for (const [specKey, t] of Object.entries(loaded.spec.tables ?? {})) {
    for (const [name, p] of Object.entries(t.policies ?? {})) {
      const to = Array.isArray(p.to) ? p.to : p.to === undefined ? [] : [p.to];
      if (!to.includes(role)) continue;
      const position = loaded.positions.get(`tables/${specKey}/policies/${name}/to`) ?? loaded.positions.get(`tables/${specKey}/policies/${name}`);
      if (position) return position;
    }
  }
  return ownerPosition(loaded.spec, loaded.positions, role) ?? { file: loaded.files[0] ?? 'schema', line: 1, col: 1 };
}

export async function missingRoles(db: Queryable, roles: readonly string[], load: () => Promise<LoadedSpec>): Promise<Finding[]> {
  const wanted = [...new Set(roles)].filter((role) => role !== 'public');
  if (wanted.length === 0) return [];
  const rows = await db.query<{ rolname: string }>(`SELECT rolname FROM pg_catalog.pg_roles ORDER BY rolname`);
  const have = rows.map((r) => r.rolname);
  const known = new Set(have);
  if (wanted.every((role) => known.has(role))) return [];
  // The YAML is read for positions only when a role is missing.
  const loaded = await load();
  return wanted
    .filter((role) => !known.has(role))
    .map((role) => {
      const suggestion = didYouMean(role, have.filter((r) => !r.startsWith('pg_')));
      return {
        ...whereNamed(loaded, role),
        severity: 'error' as const,
        code: 'unknown-role',
        message: `role "${role}" does not exist on the server${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        fix: suggestion ? `use "${suggestion}", or create the role first (CREATE ROLE ${role} NOLOGIN)` : `create the role first (CREATE ROLE ${role} NOLOGIN)`,
      };
    });
}
