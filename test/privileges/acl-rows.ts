/**
 * ACLs as the server reports them (`aclexplode`), independent of the project's Catalog: one sorted
 * line per (object, grantee, privilege, grantable) over tables, sequences, columns, schemas,
 * functions, types and default privileges of the given schemas.
 */
import type { Db } from '../../src/db/index.js';

const QUERY = `
WITH rel AS (
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END AS kind, n.nspname || '.' || c.relname AS object,
         c.relacl AS acl, c.relowner AS owner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
), col AS (
  SELECT 'column' AS kind, n.nspname || '.' || c.relname || '.' || a.attname AS object, a.attacl AS acl, c.relowner AS owner
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = ANY ($1::text[]) AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
), nsp AS (
  SELECT 'schema' AS kind, n.nspname AS object, n.nspacl AS acl, n.nspowner AS owner
    FROM pg_namespace n WHERE n.nspname = ANY ($1::text[])
), fn AS (
  SELECT 'function' AS kind, n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS object,
         coalesce(p.proacl, acldefault('f', p.proowner)) AS acl, p.proowner AS owner
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ANY ($1::text[])
), typ AS (
  SELECT 'type' AS kind, n.nspname || '.' || t.typname AS object, coalesce(t.typacl, acldefault('T', t.typowner)) AS acl, t.typowner AS owner
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE n.nspname = ANY ($1::text[]) AND t.typtype IN ('e', 'd', 'c') AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
), dflt AS (
  SELECT 'default ' || d.defaclobjtype::text AS kind, pg_get_userbyid(d.defaclrole) || ' in ' || coalesce(n.nspname, '*') AS object,
         d.defaclacl AS acl, 0::oid AS owner
    FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
   WHERE d.defaclnamespace = 0 OR n.nspname = ANY ($1::text[])
), every AS (
  SELECT * FROM rel UNION ALL SELECT * FROM col UNION ALL SELECT * FROM nsp UNION ALL SELECT * FROM fn UNION ALL SELECT * FROM typ UNION ALL SELECT * FROM dflt
)
SELECT e.kind || ' ' || e.object || ': ' || CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END
       || ' ' || x.privilege_type || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END
       || CASE WHEN x.grantee = e.owner THEN ' (owner)' ELSE '' END AS line
  FROM every e, aclexplode(e.acl) x
 ORDER BY 1`;

export async function aclRows(db: Db, schemas: readonly string[] = ['public']): Promise<string[]> {
  const rows = await db.query<{ line: string }>(QUERY, [schemas]);
  return rows.map((r) => r.line);
}

/** The lines of one object (`sequence public.t_id_seq`, `table public.t`, ...), owner's left out. */
export function linesOf(rows: readonly string[], prefix: string): string[] {
  return rows.filter((line) => line.startsWith(`${prefix}: `) && !line.endsWith('(owner)'));
}
