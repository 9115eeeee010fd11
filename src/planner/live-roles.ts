/**
 * Pure: the roles whose privileges a plan manages. The YAML is authoritative for the privileges of
 * the objects it manages: a role that holds anything on a managed object in the live database is
 * managed too (the plan revokes what the YAML does not grant it), as well as every role the YAML
 * names. The owner's own privileges are never in a Catalog's grants; the roles the platform runs as
 * (the preset's `platformRoles`, and PostgreSQL's `pg_*` roles) are never managed by discovery.
 */
import { parseDefaultPrivilegesKey } from '../catalog/compare.js';
import type { Catalog, Grants } from '../catalog/types.js';
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
    add(live.schemas[schema]?.defaultPrivileges?.[forRole]?.[objects]);
  }
  return out;
}

/** The inputs with the live database's grantees on managed objects added to the managed roles. */
export function withLiveRoles(inputs: PlanInputs, live: Catalog, platformRoles: readonly string[]): PlanInputs {
  const platform = new Set(platformRoles);
  const roles = new Set(inputs.managedRoles);
  let added = false;
  for (const role of liveGrantees(live, inputs)) {
    if (roles.has(role) || platform.has(role) || role.startsWith('pg_')) continue;
    roles.add(role);
    added = true;
  }
  return added ? { ...inputs, managedRoles: [...roles].sort() } : inputs;
}
