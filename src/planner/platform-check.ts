/**
 * What the YAML uses from the platform that the live database lacks. The shadow gets the preset's
 * stub (the `auth` schema, `auth.users`, `auth.uid()`), so a plan would verify there and then fail
 * at apply on a database that has none of it: plan refuses it first, naming each missing piece.
 */
import type { Queryable } from '../db/index.js';
import type { Spec } from '../spec/types.js';
import { OperationError } from '../util/findings.js';

/** The `auth.*` objects a spec may reference, as `to_regclass`/`to_regprocedure` would name them. */
const AUTH_OBJECTS: readonly { readonly mention: RegExp; readonly what: string; readonly check: string }[] = [
  { mention: /\bauth\s*\.\s*"?users\b/i, what: 'table auth.users', check: `pg_catalog.to_regclass('auth.users') IS NOT NULL` },
  { mention: /\bauth\s*\.\s*"?uid\s*\(/i, what: 'function auth.uid()', check: `pg_catalog.to_regprocedure('auth.uid()') IS NOT NULL` },
  { mention: /\bauth\s*\.\s*"?jwt\s*\(/i, what: 'function auth.jwt()', check: `pg_catalog.to_regprocedure('auth.jwt()') IS NOT NULL` },
  { mention: /\bauth\s*\.\s*"?role\s*\(/i, what: 'function auth.role()', check: `pg_catalog.to_regprocedure('auth.role()') IS NOT NULL` },
  { mention: /\bauth\s*\.\s*"?email\s*\(/i, what: 'function auth.email()', check: `pg_catalog.to_regprocedure('auth.email()') IS NOT NULL` },
];

/**
 * Each platform object the spec uses and the live database lacks; empty when none. (Roles it grants
 * to are checked where the shadow is prepared: they are cluster-wide, the same server's.)
 */
export async function missingPlatform(db: Queryable, spec: Spec): Promise<string[]> {
  const text = JSON.stringify(spec);
  const used = AUTH_OBJECTS.filter((o) => o.mention.test(text));
  if (used.length === 0) return [];
  const rows = await db.query<{ present: boolean[] }>(`SELECT ARRAY[${used.map((o) => o.check).join(', ')}]::boolean[] AS present`);
  const present = rows[0]?.present ?? [];
  return used.filter((_, i) => present[i] !== true).map((o) => o.what);
}

export function platformRefusal(missing: readonly string[], preset: string): OperationError {
  const stub = preset === 'supabase' ? ' The supabase preset stands these in on the shadow only, so the plan would verify there and fail at apply.' : '';
  return new OperationError(
    `the database lacks what the YAML uses: ${missing.join(', ')}; nothing was written.${stub} ` +
      'Point --db at the database that has them (a Supabase project has auth and its roles), create them first, or change the YAML',
  );
}
