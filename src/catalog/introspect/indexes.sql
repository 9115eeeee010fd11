-- Valid indexes of managed tables and materialized views that do not back a constraint.
-- An INVALID index (a failed concurrent build) counts as absent: the runner drops and rebuilds it.
-- Key elements (with ordering and operator class) and INCLUDE columns are parsed from the pretty
-- definition (the plain one when the index has no expressions); `nkeys`/`ncols` check the parse.
SELECT i.indrelid::int8::text AS rel, ic.relname AS name, i.indisunique AS unique, am.amname AS method,
       i.indnkeyatts AS nkeys, i.indnatts AS ncols,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS "where",
       -- NULLS NOT DISTINCT (15+) matters only for a unique index; read through to_jsonb so the query runs on 14.
       i.indisunique AND coalesce((to_jsonb(i.*) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct,
       pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
       -- Pretty printing changes only expressions: a plain index's keys are read from `definition`.
       CASE WHEN i.indexprs IS NOT NULL THEN pg_catalog.pg_get_indexdef(i.indexrelid, 0, true) END AS pretty_definition,
       ic.reloptions::text[] AS options,
       ds.description AS comment
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = i.indexrelid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'm')
  AND n.nspname = ANY ($1::text[])
  AND i.indisvalid
  AND i.indexrelid NOT IN (SELECT con.conindid FROM pg_catalog.pg_constraint con WHERE con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh WHERE inh.inhrelid = i.indexrelid)
ORDER BY 1, 2
