/** Makes an empty shadow database look like the platform the spec runs on: preset objects and roles. */
import type { Db } from '../db/index.js';
import { quoteIdent } from '../catalog/index.js';
import type { PlanInputs } from '../plan/index.js';
import type { Preset } from '../presets/index.js';
import { OperationError } from '../util/findings.js';

export async function prepareShadow(db: Db, preset: Preset, inputs: PlanInputs, privateServer: boolean): Promise<void> {
  const presetSql = preset.shadowSql();
  if (presetSql.trim()) await db.exec(presetSql);
  // Roles are cluster-wide: create the ones the spec names that the server lacks.
  const roles = [...new Set([...inputs.managedRoles, ...(inputs.defaultPrivilegeRoles ?? []), ...(inputs.ownerRoles ?? [])])].filter((role) => role !== 'public');
  if (roles.length === 0) return;
  const existing = await db.query<{ rolname: string }>(`SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY ($1::text[])`, [roles]);
  const have = new Set(existing.map((row) => row.rolname));
  const missing = roles.filter((r) => !have.has(r));
  if (missing.length > 0 && !privateServer) {
    throw new OperationError(
      `role(s) ${missing.join(', ')} named in the spec do not exist on the server; create them first (CREATE ROLE ... NOLOGIN)`,
    );
  }
  for (const role of missing) {
    await db.exec(
      `DO $$ BEGIN CREATE ROLE ${quoteIdent(role)} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
  }
}
