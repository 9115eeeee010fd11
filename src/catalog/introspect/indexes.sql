-- Valid indexes of managed tables and materialized views that do not back a constraint.
-- An INVALID index (a failed concurrent build) counts as absent: the runner drops and rebuilds it.
-- Key elements (with ordering and operator class) and INCLUDE columns are parsed from the pretty
-- definition (the plain one when the index has no expressions); `nkeys`/`ncols` check the parse.
SELECT i.indrelid::int8::text AS rel, ic.relname AS name, i.indisunique AS unique, am.amname AS method,
       i.indnkeyatts AS nkeys, i.indnatts AS ncols,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS "where",
       -- NULLS NOT DISTINCT (15+) matters only for a unique index; read through to_jsonb so the query runs on 14.
       i.indisunique AND coalesce((to_jsonb(i.*) ->> 'indnullsnotdistinct')::boolean, false) AS nulls_not_distinct,
       -- pg_get_indexdef's text. For a plain btree index on columns (no expression, predicate or
       -- storage parameter; each key with its column's type's default operator class and its
       -- column's collation) it is built here exactly as pg_get_indexdef prints it, from the same
       -- catalog rows and with the same quoting: pg_get_indexdef looks up each key's default
       -- operator class anew and costs ~100 ms for 1,000 indexes on a new connection.
       -- test/catalog/index-definitions.test.ts holds the two equal on the corpus.
       coalesce(
         CASE WHEN am.amname = 'btree' AND NOT i.indisunique AND i.indexprs IS NULL AND i.indpred IS NULL
                   AND ic.reloptions IS NULL AND ic.relkind = 'i'
           THEN (SELECT CASE WHEN bool_and(a.attnum > 0 AND ia.attoptions IS NULL
                                           AND (k.ord > i.indnkeyatts
                                                OR (oc.opcdefault AND oc.opcintype = a.atttypid
                                                    AND (i.indcollation::oid[])[k.ord - 1] = a.attcollation)))
                        THEN 'CREATE INDEX ' || pg_catalog.quote_ident(ic.relname) || ' ON '
                             || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || ' USING btree ('
                             || string_agg(pg_catalog.quote_ident(a.attname)
                                  -- int2vector and oidvector arrays start at 0.
                                  || CASE WHEN k.ord > i.indnkeyatts THEN ''
                                          WHEN (i.indoption::int2[])[k.ord - 1] & 1 = 1
                                            THEN ' DESC' || CASE WHEN (i.indoption::int2[])[k.ord - 1] & 2 = 0 THEN ' NULLS LAST' ELSE '' END
                                          WHEN (i.indoption::int2[])[k.ord - 1] & 2 = 2 THEN ' NULLS FIRST'
                                          ELSE '' END
                                  || CASE WHEN k.ord = i.indnkeyatts AND i.indnatts > i.indnkeyatts THEN ') INCLUDE ('
                                          WHEN k.ord < i.indnatts THEN ', '
                                          ELSE '' END,
                                  '' ORDER BY k.ord) || ')'
                        END
                 FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                 JOIN pg_catalog.pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.ord
                 LEFT JOIN pg_catalog.pg_opclass oc ON oc.oid = (i.indclass::oid[])[k.ord - 1])
         END,
         pg_catalog.pg_get_indexdef(i.indexrelid)) AS definition,
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
