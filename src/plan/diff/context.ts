/** What every per-kind differ needs: the two catalogs, the spec's inputs, and a sink for changes. */
import type { Catalog, Grants, PrivilegeName } from '../../catalog/types.js';
import type { Change, GrantOption, ObjectRef } from '../changes.js';
import { optionsByPrivilege } from '../../catalog/privileges.js';
import type { PlanInputs } from '../types.js';
import { own } from '../../util/object-keys.js';

export interface DiffContext {
  readonly from: Catalog;
  readonly to: Catalog;
  readonly inputs: PlanInputs;
  readonly managedRoles: ReadonlySet<string>;
  readonly out: Change[];
}

/** Canonical JSON (sorted keys) for comparing plain catalog objects. */
export function same(a: unknown, b: unknown): boolean {
  // Catalogs are key-sorted, so equal objects almost always serialize equally as they are; the
  // sorted form is only needed to confirm a difference.
  return JSON.stringify(a) === JSON.stringify(b) || canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/** Without the listed keys (for comparing an object apart from what another change handles). */
export function omit<T extends object>(value: T, ...keys: string[]): Partial<T> {
  // Built by copying (not `delete`, which turns objects into slow dictionaries).
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (!keys.includes(key)) out[key] = (value as Record<string, unknown>)[key];
  return out as Partial<T>;
}

/** GRANT/REVOKE per managed role, diffed by privilege. */
export function grantChanges(
  ctx: DiffContext,
  target: ObjectRef,
  before: Grants,
  after: Grants,
  flags: { implied?: boolean; impliedInverse?: boolean } = {},
  /** Every grantee on either side, not only the managed roles (an object the YAML states whole). */
  whole = false,
): Change[] {
  const out: Change[] = [];
  const roles = whole ? new Set([...ctx.managedRoles, ...Object.keys(before), ...Object.keys(after)]) : ctx.managedRoles;
  for (const role of [...roles].sort()) {
    const a = optionsByPrivilege(own(before, role) ?? []);
    const b = optionsByPrivilege(own(after, role) ?? []);
    const push = (kind: 'Grant' | 'Revoke', privileges: PrivilegeName[], option?: GrantOption): void => {
      if (privileges.length > 0) out.push({ ...flags, kind, target, role, privileges, ...(option ? { option } : {}) });
    };
    // Whole privileges first (REVOKE p also takes its option), then the grant option alone.
    push('Revoke', [...a.keys()].filter((p) => !b.has(p) && !a.get(p)));
    push('Revoke', [...a.keys()].filter((p) => !b.has(p) && a.get(p)), 'with');
    push('Revoke', [...a.keys()].filter((p) => b.has(p) && a.get(p) && !b.get(p)), 'only');
    push('Grant', [...b.keys()].filter((p) => !a.has(p) && !b.get(p)));
    push('Grant', [...b.keys()].filter((p) => !a.has(p) && b.get(p)), 'with');
    push('Grant', [...b.keys()].filter((p) => a.has(p) && b.get(p) && !a.get(p)), 'only');
  }
  return out;
}

export function commentChange(
  target: ObjectRef,
  before: string | undefined,
  after: string | undefined,
  flags: { implied?: boolean; impliedInverse?: boolean } = {},
): Change[] {
  if (before === after) return [];
  return [
    {
      ...flags,
      kind: 'SetComment',
      target,
      ...(before === undefined ? {} : { from: before }),
      ...(after === undefined ? {} : { to: after }),
    },
  ];
}
