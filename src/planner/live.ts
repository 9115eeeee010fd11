/**
 * Connections `plan` and `check` open to the target: one reads the live catalog (one transaction)
 * while the others create the shadow databases a plan will need (two at most, at once).
 */
export const TARGET_CONNECTIONS = 3;

import { parseDefaultPrivilegesKey, type Scope } from '../catalog/index.js';
import type { PlanInputs } from '../plan/index.js';

/** What introspection reads for a spec: its schemas, extensions, platform items and declared default privileges. */
export function scopeOf(inputs: PlanInputs): Scope {
  const defaults = [...new Set((inputs.defaultPrivileges ?? []).map((key) => parseDefaultPrivilegesKey(key).schema))].sort();
  return {
    schemas: inputs.managedSchemas,
    extensions: inputs.extensions,
    platform: inputs.platform ?? [],
    owners: true,
    ...(defaults.length > 0 ? { defaultPrivileges: defaults } : {}),
  };
}
