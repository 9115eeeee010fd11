-- Domains of the managed schemas with their CHECK constraints.
SELECT n.nspname AS schema, t.typname AS name,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) AS type,
       t.typnotnull AS not_null,
       t.typdefault AS "default",
       CASE WHEN t.typcollation <> bt.typcollation THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(c.collname)
            FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace cn ON cn.oid = c.collnamespace WHERE c.oid = t.typcollation) END AS collation,
       coalesce((SELECT jsonb_object_agg(c.conname, pg_catalog.pg_get_constraintdef(c.oid, true))
                 FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'), '{}'::jsonb) AS checks,
       obj_description(t.oid, 'pg_type') AS comment,
       CASE WHEN 'owners' = ANY ($5::text[]) THEN NULLIF(pg_catalog.pg_get_userbyid(t.typowner), current_user::text) END AS other_owner
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd'
  AND n.nspname = ANY ($1::text[])
  AND t.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_type'::regclass)
ORDER BY 1, 2
