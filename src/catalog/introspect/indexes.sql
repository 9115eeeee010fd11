-- Valid indexes of managed tables and materialized views that do not back a constraint.
-- An INVALID index (a failed concurrent build) counts as absent: the runner drops and rebuilds it.
SELECT i.indrelid::int8::text AS rel, ic.relname AS name, i.indisunique AS unique, am.amname AS method,
       array(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k)::text[] AS keys,
       array(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(i.indnkeyatts + 1, i.indnatts) k ORDER BY k)::text[] AS include,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS "where",
       coalesce((to_jsonb(i.*) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct,
       pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
       pg_catalog.pg_get_indexdef(i.indexrelid, 0, true) AS pretty_definition,
       obj_description(i.indexrelid, 'pg_class') AS comment
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE c.relkind IN ('r', 'p', 'm')
  AND n.nspname = ANY ($1::text[])
  AND i.indisvalid
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh WHERE inh.inhrelid = i.indexrelid)
ORDER BY 1, 2
