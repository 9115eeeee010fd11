-- Enum types of the managed schemas (not owned by an extension), values in sort order.
SELECT n.nspname AS schema, t.typname AS name,
       array(SELECT e.enumlabel FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS values,
       obj_description(t.oid, 'pg_type') AS comment,
       CASE WHEN 'owners' = ANY ($5::text[]) THEN NULLIF(pg_catalog.pg_get_userbyid(t.typowner), current_user::text) END AS other_owner
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e'
  AND n.nspname = ANY ($1::text[])
  AND t.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_type'::regclass)
ORDER BY 1, 2
