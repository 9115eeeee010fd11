/**
 * Pure: the sequence privileges a table's grants imply. A role granted INSERT or UPDATE on a table
 * whose column default calls `nextval('seq')` (serial columns, or a default naming a sequence) needs
 * USAGE on that sequence, or its insert fails with "permission denied for sequence". The desired
 * catalog holds that USAGE by construction, so granting the table is enough, and revoking the
 * table's INSERT and UPDATE revokes it. Identity columns need nothing: PostgreSQL does not check
 * privileges on an identity column's own sequence.
 */
import { parseQualifiedReference, qualifiedName } from './names.js';
import type { Catalog, Grants, Privilege, PrivilegeName, Sequence } from './types.js';
import { basePrivilege, inOrder } from './privileges.js';

/** Writes that call a column default: INSERT, and UPDATE (`SET col = DEFAULT`). */
const WRITES: readonly PrivilegeName[] = ['insert', 'update'];
const SEQUENCE_ORDER: readonly PrivilegeName[] = ['select', 'update', 'usage'];

/** `nextval('public.t_id_seq'::regclass)` -> `public.t_id_seq`; undefined for any other default. */
export function nextvalSequence(expression: string): string | undefined {
  const m = /^nextval\('((?:[^']|'')+)'::regclass\)$/.exec(expression.trim());
  if (!m) return undefined;
  const ref = parseQualifiedReference(m[1]!.replaceAll("''", "'"));
  return ref ? qualifiedName(ref.schema, ref.name) : undefined;
}

/** Sequence key -> role -> the USAGE the tables' grants imply, sorted. Only sequences in the catalog. */
export function impliedSequenceGrants(catalog: Catalog): Map<string, Grants> {
  const out = new Map<string, Record<string, PrivilegeName[]>>();
  for (const key of Object.keys(catalog.tables).sort()) {
    const table = catalog.tables[key]!;
    const roles = Object.keys(table.grants).filter((role) => table.grants[role]!.some((p) => WRITES.includes(basePrivilege(p))));
    if (roles.length === 0) continue;
    for (const column of table.columns) {
      const sequence = column.default === undefined ? undefined : nextvalSequence(column.default);
      if (sequence === undefined || !Object.hasOwn(catalog.sequences, sequence)) continue;
      const grants = out.get(sequence) ?? {};
      for (const role of roles) grants[role] = ['usage'];
      out.set(sequence, grants);
    }
  }
  return new Map([...out].map(([k, g]) => [k, Object.fromEntries(Object.keys(g).sort().map((r) => [r, g[r]!]))]));
}

function merge(a: Grants | undefined, b: Grants): Grants {
  const roles = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b)])].sort();
  return Object.fromEntries(
    roles.map((role) => {
      return [role, inOrder([...(a?.[role] ?? []), ...(b[role] ?? [])], SEQUENCE_ORDER)];
    }),
  );
}

/** The catalog with the implied USAGE added to its sequences' grants (but those in `except`). */
export function withSequenceUsage(catalog: Catalog, except: readonly string[] = []): Catalog {
  const implied = impliedSequenceGrants(catalog);
  for (const key of except) implied.delete(key);
  if (implied.size === 0) return catalog;
  const sequences: Record<string, Sequence> = {};
  for (const [key, s] of Object.entries(catalog.sequences)) {
    const extra = implied.get(key);
    sequences[key] = extra ? withGrants(s, merge(s.grants, extra)) : s;
  }
  return { ...catalog, sequences };
}

/** The sequence's grants less what the tables imply (what a spec must state itself). */
export function explicitSequenceGrants(s: Sequence, implied: Grants = {}): Grants {
  const grants = s.grants ?? {};
  const out: Record<string, Privilege[]> = {};
  for (const role of Object.keys(grants).sort()) {
    const rest = grants[role]!.filter((p) => !(implied[role] ?? []).includes(p));
    if (rest.length > 0) out[role] = rest;
  }
  return out;
}

/** An object with these grants (the key left out when there are none), keys in order. */
export function withGrants<T extends object>(s: T, grants: Grants): T {
  const out: Record<string, unknown> = {};
  for (const k of [...new Set([...Object.keys(s), 'grants'])].sort()) {
    if (k === 'grants') {
      if (Object.keys(grants).length > 0) out[k] = grants;
    } else out[k] = (s as unknown as Record<string, unknown>)[k];
  }
  return out as unknown as T;
}
