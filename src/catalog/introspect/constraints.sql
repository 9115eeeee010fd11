-- Table constraints (PK, unique, check, FK, exclusion) of managed tables. NOT NULL rows of
-- PostgreSQL 18 (contype 'n') are left out: NOT NULL lives on the column.
SELECT con.conrelid::int8::text AS rel, con.conname AS name, con.contype AS type,
       -- Most keys have one column: one lookup is much cheaper than unnest with ordinality.
       CASE WHEN cardinality(con.conkey) = 1
            THEN ARRAY[(SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = con.conkey[1])]
            ELSE array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] END AS columns,
       pg_catalog.pg_get_constraintdef(con.oid, true) AS definition,
       con.convalidated AS validated, con.condeferrable AS deferrable, con.condeferred AS deferred,
       CASE WHEN con.contype = 'f' THEN fn.nspname || '.' || fc.relname END AS ref_table,
       CASE WHEN con.contype <> 'f' THEN NULL
            WHEN cardinality(con.confkey) = 1
            THEN ARRAY[(SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = con.confrelid AND a.attnum = con.confkey[1])]
            ELSE array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] END AS ref_columns,
       con.confdeltype AS on_delete, con.confupdtype AS on_update, con.confmatchtype AS match,
       CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid, true) END AS check_expr,
       ds.description AS comment,
       CASE WHEN con.contype IN ('p', 'u', 'x') AND con.conindid <> 0 THEN obj_description(con.conindid, 'pg_class') END AS index_comment
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = con.oid AND ds.classoid = 'pg_catalog.pg_constraint'::regclass AND ds.objsubid = 0
WHERE con.contype IN ('p', 'u', 'c', 'f', 'x')
  AND c.relkind IN ('r', 'p')
  AND n.nspname = ANY ($1::text[])
  AND con.conparentid = 0
ORDER BY 1, 2
