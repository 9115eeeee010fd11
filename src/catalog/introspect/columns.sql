-- Columns of managed tables, views and materialized views, in attribute order.
SELECT a.attrelid::int8::text AS rel, a.attname AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       -- A default cannot refer to a column, so it prints without the table's context (which would
       -- open the table for each default: about half the query's time).
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, 0) END AS "default",
       CASE WHEN a.attgenerated = 's' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS generated,
       CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,
       CASE WHEN a.attidentity <> '' THEN (SELECT ARRAY[s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle::text]
            FROM pg_catalog.pg_depend dp JOIN pg_catalog.pg_sequence s ON s.seqrelid = dp.objid
           WHERE dp.classid = 'pg_catalog.pg_class'::regclass AND dp.refclassid = 'pg_catalog.pg_class'::regclass
             AND dp.refobjid = a.attrelid AND dp.refobjsubid = a.attnum AND dp.deptype = 'i' LIMIT 1) END AS identity_sequence,
       CASE WHEN a.attcollation <> t.typcollation THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
            FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END AS collation,
       ds.description AS comment,
       -- The identity sequence, only when it has a comment (COMMENT ON SEQUENCE of an identity column).
       CASE WHEN a.attidentity <> '' THEN (SELECT sc.relname FROM pg_catalog.pg_depend dp
              JOIN pg_catalog.pg_class sc ON sc.oid = dp.objid AND sc.relkind = 'S'
              JOIN pg_catalog.pg_description sd ON sd.objoid = sc.oid AND sd.classoid = 'pg_catalog.pg_class'::regclass AND sd.objsubid = 0
             WHERE dp.classid = 'pg_catalog.pg_class'::regclass AND dp.refclassid = 'pg_catalog.pg_class'::regclass
               AND dp.refobjid = a.attrelid AND dp.refobjsubid = a.attnum AND dp.deptype = 'i' LIMIT 1) END AS sequence_name,
       CASE WHEN a.attidentity <> '' THEN (SELECT sd.description FROM pg_catalog.pg_depend dp
              JOIN pg_catalog.pg_class sc ON sc.oid = dp.objid AND sc.relkind = 'S'
              JOIN pg_catalog.pg_description sd ON sd.objoid = sc.oid AND sd.classoid = 'pg_catalog.pg_class'::regclass AND sd.objsubid = 0
             WHERE dp.classid = 'pg_catalog.pg_class'::regclass AND dp.refclassid = 'pg_catalog.pg_class'::regclass
               AND dp.refobjid = a.attrelid AND dp.refobjsubid = a.attnum AND dp.deptype = 'i' LIMIT 1) END AS sequence_comment,
       -- Column privileges are rare: the owner is read only for the columns that have some.
       a.attacl::text[] AS acl, CASE WHEN a.attacl IS NOT NULL THEN pg_catalog.pg_get_userbyid(c.relowner) END AS owner
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = a.attnum
WHERE c.relkind IN ('r', 'p', 'v', 'm')
  AND n.nspname = ANY ($1::text[])
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
