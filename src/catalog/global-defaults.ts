/**
 * Pure: default privileges without IN SCHEMA (`ALTER DEFAULT PRIVILEGES FOR ROLE r GRANT ...`).
 * Unlike a schema's entry, which adds to them, a global entry replaces the built-in defaults of the
 * role's new objects (the owner's own privileges and PUBLIC's EXECUTE on functions and USAGE on
 * types), so the Catalog holds it whole, the role's own privileges included; a role and kind
 * without an entry has the built-in defaults (PostgreSQL drops an entry brought back to them).
 */
import type { DefaultObjects, Grants, PrivilegeName } from './types.js';

/** The key of global entries in a `schema\tFOR ROLE\tobjects` key (compare.ts defaultPrivilegesKey). */
export const GLOBAL_DEFAULTS = '';

const OWNER: Readonly<Record<DefaultObjects, readonly PrivilegeName[]>> = {
  tables: ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger'],
  sequences: ['select', 'update', 'usage'],
  functions: ['execute'],
  types: ['usage'],
};

/** What `acldefault` gives the objects `forRole` creates, as a Catalog's grants (sorted by role). */
export function builtinDefaults(forRole: string, objects: DefaultObjects): Grants {
  const out: Record<string, readonly PrivilegeName[]> = { [forRole]: OWNER[objects] };
  if (objects === 'functions') out['public'] = ['execute'];
  if (objects === 'types') out['public'] = ['usage'];
  return Object.fromEntries(Object.keys(out).sort().map((role) => [role, out[role]!]));
}
