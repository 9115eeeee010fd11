/**
 * Pure: privileges read from `aclitem` text as PostgreSQL prints it (`grantee=privs/grantor`, an
 * empty grantee for PUBLIC, names double-quoted when they hold anything but letters, digits and
 * `_`). Reading the text is much cheaper on the server than `aclexplode` per object.
 */

import { GRANT_OPTION_SUFFIX } from '../privileges.js';

/** Privilege letters of `aclitemout` (ACL_ALL_RIGHTS_STR); `*` after a letter marks the grant option. */
const LETTERS: Readonly<Record<string, string>> = {
  a: 'insert',
  r: 'select',
  w: 'update',
  d: 'delete',
  D: 'truncate',
  x: 'references',
  t: 'trigger',
  X: 'execute',
  U: 'usage',
  C: 'create',
  T: 'temporary',
  c: 'connect',
  s: 'set',
  A: 'alter system',
  m: 'maintain',
};

/** A role name at `start`: quoted (doubled quotes escape) or bare up to `=`/`/`. */
function readName(text: string, start: number): { name: string; end: number } {
  if (text[start] !== '"') {
    let end = start;
    while (end < text.length && text[end] !== '=' && text[end] !== '/') end++;
    return { name: text.slice(start, end), end };
  }
  let name = '';
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        name += '"';
        i += 2;
        continue;
      }
      return { name, end: i + 1 };
    }
    name += text[i];
    i++;
  }
  return { name, end: i };
}

export interface AclItem {
  /** The role granted to, `public` for PUBLIC. */
  readonly grantee: string;
  /** Lower-case privilege names, e.g. `select`, `execute`, `select with grant option` (a `*`). */
  readonly privileges: readonly string[];
}

/** One `aclitem` in its text form, or undefined when it does not read as one. */
export function parseAclItem(text: string): AclItem | undefined {
  const grantee = readName(text, 0);
  if (text[grantee.end] !== '=') return undefined;
  const privileges: string[] = [];
  let i = grantee.end + 1;
  for (; i < text.length && text[i] !== '/'; i++) {
    const privilege = LETTERS[text[i]!];
    if (privilege) privileges.push(privilege);
    else if (text[i] === '*' && privileges.length > 0 && !privileges[privileges.length - 1]!.endsWith(GRANT_OPTION_SUFFIX)) privileges[privileges.length - 1] += GRANT_OPTION_SUFFIX;
    else return undefined;
  }
  return { grantee: grantee.end === 0 ? 'public' : grantee.name, privileges };
}

/** (role, privilege) pairs of an ACL, leaving out the owner's own (implicit) privileges. */
export function aclPairs(acl: unknown, owner: string): [string, string][] {
  if (!Array.isArray(acl)) return [];
  const pairs: [string, string][] = [];
  for (const text of acl) {
    const item = parseAclItem(String(text));
    if (!item || item.grantee === owner) continue;
    for (const privilege of item.privileges) pairs.push([item.grantee, privilege]);
  }
  return pairs;
}
