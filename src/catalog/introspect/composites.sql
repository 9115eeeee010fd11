-- Composite types (CREATE TYPE ... AS (...)) of the managed schemas, with their attributes in order.
SELECT n.nspname AS schema, t.typname AS name,
       coalesce((SELECT jsonb_agg(jsonb_build_object('name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
                        'collation', CASE WHEN a.attcollation <> at.typcollation THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                          FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END)
                        ORDER BY a.attnum)
                 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
                 WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '[]'::jsonb) AS attributes,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'c' AND c.relkind = 'c'
  AND n.nspname = ANY ($1::text[])
  AND t.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_type'::regclass)
ORDER BY 1, 2
