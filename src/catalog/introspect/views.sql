-- Views and materialized views of the managed schemas.
SELECT c.oid::int8::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
       pg_catalog.pg_get_viewdef(c.oid, true) AS definition,
       coalesce(c.reloptions, '{}')::text[] AS options,
       obj_description(c.oid, 'pg_class') AS comment,
       c.relacl::text[] AS acl, pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       CASE WHEN 'owners' = ANY ($5::text[]) THEN NULLIF(pg_catalog.pg_get_userbyid(c.relowner), current_user::text) END AS other_owner
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname = ANY ($1::text[])
  AND c.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_class'::regclass)
ORDER BY 2, 3
