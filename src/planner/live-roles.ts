/**
 * Pure: the roles whose privileges a plan manages. The YAML is authoritative for the privileges of
 * the objects it manages: a role that holds anything on a managed object in the live database is
 * managed too (the plan revokes what the YAML does not grant it), as well as every role the YAML
 * names. The owner's own privileges are never in a Catalog's grants; the roles the platform runs as
 * (the preset's `platformRoles`, and PostgreSQL's `pg_*` roles) are never managed by discovery.
 */
import { defaultPrivilegesKey, parseDefaultPrivilegesKey } from '../catalog/compare.js';
import { GLOBAL_DEFAULTS } from '../catalog/global-defaults.js';
import { DEFAULT_OBJECT_KINDS, type Catalog, type Grants } from '../catalog/types.js';
import type { PlanInputs } from '../plan/index.js';

export function liveGrantees(live: Catalog, inputs: PlanInputs): Set<string> {
  const out = new Set<string>();
  const add = (grants: Grants | undefined): void => {
    for (const role of Object.keys(grants ?? {})) out.add(role);
  };
  const external = new Set(inputs.externalTables);
  for (const [key, table] of Object.entries(live.tables)) {
    if (external.has(key)) continue;
    add(table.grants);
    for (const column of table.columns) add(column.grants);
  }
  for (const view of Object.values(live.views)) add(view.grants);
  for (const sequence of Object.values(live.sequences)) add(sequence.grants);
  for (const fn of Object.values(live.functions)) add(fn.grants);
  for (const e of Object.values(live.enums)) add(e.grants);
  for (const d of Object.values(live.domains)) add(d.grants);
  for (const name of inputs.schemaGrants ?? []) add(live.schemas[name]?.grants);
  for (const key of inputs.defaultPrivileges ?? []) {
    const { schema, forRole, objects } = parseDefaultPrivilegesKey(key);
    // A global entry is diffed whole (its grantees need not be managed elsewhere).
    if (schema !== GLOBAL_DEFAULTS) add(live.schemas[schema]?.defaultPrivileges?.[forRole]?.[objects]);
  }
  return out;
}

/**
 * Default privileges the YAML manages: where it declares some for a schema (or at the top, without
 * IN SCHEMA), every live entry there is managed too, so one the YAML does not declare is revoked;
 * but for the entries of the platform's roles (FOR ROLE supabase_admin, ...).
 */
export function liveDefaultPrivileges(live: Catalog, inputs: PlanInputs, platformRoles: readonly string[] = []): string[] {
  const platform = new Set(platformRoles);
  const declared = new Set(inputs.defaultPrivileges ?? []);
  const schemas = new Set([...declared].map((key) => parseDefaultPrivilegesKey(key).schema));
  const out = new Set(declared);
  for (const schema of schemas) {
    const entries = schema === GLOBAL_DEFAULTS ? live.defaultPrivileges : live.schemas[schema]?.defaultPrivileges;
    for (const [forRole, kinds] of Object.entries(entries ?? {})) {
      // What the platform's roles create is the platform's business, unless the YAML declares it.
      if (platform.has(forRole) || forRole.startsWith('pg_')) continue;
      for (const objects of DEFAULT_OBJECT_KINDS) if (kinds[objects]) out.add(defaultPrivilegesKey(schema, forRole, objects));
    }
  }
  return [...out].sort();
}

/**
 * The inputs with the live database's default privileges in the declared places and grantees on
 * managed objects added to the managed ones.
 */
export function withLiveRoles(inputs: PlanInputs, live: Catalog, platformRoles: readonly string[]): PlanInputs {
  const defaults = liveDefaultPrivileges(live, inputs, platformRoles);
  const scoped = defaults.length > (inputs.defaultPrivileges ?? []).length ? { ...inputs, defaultPrivileges: defaults } : inputs;
  const platform = new Set(platformRoles);
  const roles = new Set(scoped.managedRoles);
  let added = false;
  for (const role of liveGrantees(live, scoped)) {
    if (roles.has(role) || platform.has(role) || role.startsWith('pg_')) continue;
    roles.add(role);
    added = true;
  }
  return added ? { ...scoped, managedRoles: [...roles].sort() } : scoped;
}
