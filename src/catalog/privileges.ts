/**
 * Pure: a granted privilege as the Catalog (and the YAML) writes it: `select`, or
 * `select with grant option` when the grantee may grant it on (the `*` of an aclitem).
 */
import type { Privilege, PrivilegeName } from './types.js';

export const GRANT_OPTION_SUFFIX = ' with grant option';

/** `select with grant option` -> `select`. */
export function basePrivilege(p: string): PrivilegeName {
  return (p.endsWith(GRANT_OPTION_SUFFIX) ? p.slice(0, -GRANT_OPTION_SUFFIX.length) : p) as PrivilegeName;
}

export const hasGrantOption = (p: string): boolean => p.endsWith(GRANT_OPTION_SUFFIX);

export const grantable = (p: PrivilegeName, option: boolean): Privilege => (option ? (`${p}${GRANT_OPTION_SUFFIX}` as Privilege) : p);

/** Privilege -> whether it is held with the grant option, for one grantee's list. */
export function optionsByPrivilege(privileges: readonly string[]): Map<PrivilegeName, boolean> {
  const out = new Map<PrivilegeName, boolean>();
  for (const p of privileges) out.set(basePrivilege(p), (out.get(basePrivilege(p)) ?? false) || hasGrantOption(p));
  return out;
}

/** The privileges in `order` (each with its grant option where held), e.g. for a sorted Catalog list. */
export function inOrder(privileges: Iterable<string>, order: readonly PrivilegeName[]): Privilege[] {
  const held = optionsByPrivilege([...privileges]);
  return order.filter((p) => held.has(p)).map((p) => grantable(p, held.get(p)!));
}

/** Whether the list holds `p`, with or without the grant option. */
export const holds = (privileges: readonly string[] | undefined, p: PrivilegeName): boolean =>
  (privileges ?? []).some((q) => basePrivilege(q) === p);
