/** Who gains or loses access: grants per role, RLS switched on or off, policies added, changed or dropped. */
import type { Catalog, Policy, Table } from '../catalog/index.js';
import { mdCode, visible } from '../util/display.js';
import { own } from '../util/object-keys.js';

export interface SecurityChange {
  readonly table: string;
  readonly text: string;
}

function policyText(p: Policy): string {
  return JSON.stringify([p.command, p.permissive, p.roles, p.using ?? null, p.check ?? null]);
}

function tableChanges(key: string, before: Table | undefined, after: Table | undefined, roles: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const rlsBefore = before?.rls ?? false;
  const rlsAfter = after?.rls ?? false;
  if (after && rlsBefore !== rlsAfter) out.push(rlsAfter ? 'RLS turned on' : '**RLS turned off**');
  if (!after && before) return ['table dropped'];
  const grantsBefore = before?.grants ?? {};
  const grantsAfter = after?.grants ?? {};
  for (const role of [...new Set([...Object.keys(grantsBefore), ...Object.keys(grantsAfter)])].sort()) {
    if (!roles.has(role)) continue;
    const was = new Set(own(grantsBefore, role) ?? []);
    const now = new Set(own(grantsAfter, role) ?? []);
    const gained = [...now].filter((p) => !was.has(p));
    const lost = [...was].filter((p) => !now.has(p));
    if (gained.length) out.push(`${mdCode(role)} gains ${gained.join(', ')}`);
    if (lost.length) out.push(`${mdCode(role)} loses ${lost.join(', ')}`);
  }
  const policiesBefore = before?.policies ?? {};
  const policiesAfter = after?.policies ?? {};
  for (const name of [...new Set([...Object.keys(policiesBefore), ...Object.keys(policiesAfter)])].sort()) {
    const was = own(policiesBefore, name);
    const now = own(policiesAfter, name);
    if (!was && now) out.push(`policy ${mdCode(name)} added (${now.command} to ${now.roles.map(visible).join(', ')})`);
    else if (was && !now) out.push(`policy ${mdCode(name)} dropped`);
    else if (was && now && policyText(was) !== policyText(now)) out.push(`policy ${mdCode(name)} changed`);
  }
  void key;
  return out;
}

export function securityChanges(live: Catalog, desired: Catalog, managedRoles: readonly string[]): SecurityChange[] {
  const roles = new Set(managedRoles);
  const out: SecurityChange[] = [];
  for (const key of [...new Set([...Object.keys(live.tables), ...Object.keys(desired.tables)])].sort()) {
    for (const text of tableChanges(key, live.tables[key], desired.tables[key], roles)) out.push({ table: key, text });
  }
  return out;
}
