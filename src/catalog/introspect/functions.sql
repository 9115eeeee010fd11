-- Functions and procedures of the managed schemas (not owned by an extension). A function never
-- granted or revoked has the default privileges (EXECUTE to PUBLIC): they are listed like any other.
SELECT n.nspname AS schema, p.proname AS name,
       CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
       pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_args,
       pg_catalog.pg_get_function_arguments(p.oid) AS args,
       CASE WHEN p.prokind <> 'p' THEN pg_catalog.pg_get_function_result(p.oid) END AS returns,
       l.lanname AS language,
       -- A SQL-standard body (RETURN ... / BEGIN ATOMIC ... END, PostgreSQL 14+) is stored parsed, not as text.
       CASE WHEN p.prosqlbody IS NOT NULL THEN pg_catalog.pg_get_function_sqlbody(p.oid) ELSE p.prosrc END AS body,
       CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END AS volatility,
       CASE WHEN p.prosecdef THEN 'definer' ELSE 'invoker' END AS security,
       p.proisstrict AS strict,
       coalesce(p.proconfig, '{}')::text[] AS config,
       pg_catalog.pg_get_functiondef(p.oid) AS definition,
       coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))::text[] AS acl, pg_catalog.pg_get_userbyid(p.proowner) AS owner,
       CASE WHEN 'owners' = ANY ($5::text[]) THEN NULLIF(pg_catalog.pg_get_userbyid(p.proowner), current_user::text) END AS other_owner,
       obj_description(p.oid, 'pg_proc') AS comment
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p')
  AND n.nspname = ANY ($1::text[])
  AND p.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_proc'::regclass)
ORDER BY 1, 2, 4
