/**
 * Pure: the privileges a YAML grant list names, as the Catalog holds them. A list item is a
 * privilege (`select`), `all` (every privilege of the kind), or either followed by
 * `with grant option` (the role may grant it on: GRANT ... WITH GRANT OPTION).
 */
import { basePrivilege, grantable, hasGrantOption, inOrder } from '../catalog/privileges.js';
import type { Privilege, PrivilegeName } from '../catalog/types.js';

/** The listed privileges among `all` (the kind's privileges, in the order the Catalog lists them). */
export function specPrivileges(listed: readonly string[], all: readonly PrivilegeName[]): Privilege[] {
  const held: Privilege[] = [];
  for (const item of listed) {
    const base = basePrivilege(item) as string;
    const option = hasGrantOption(item);
    for (const p of base === 'all' ? all : all.filter((q) => q === base)) held.push(grantable(p, option));
  }
  return inOrder(held, all);
}
