-- User triggers on managed tables, plus triggers on other tables (e.g. auth.users) whose
-- function lives in a managed schema: those the managed scope owns.
SELECT t.tgrelid::int8::text AS rel, n.nspname AS table_schema, c.relname AS table_name,
       n.nspname = ANY ($1::text[]) AS managed_table,
       t.tgname AS name, t.tgtype::int AS type, t.tgenabled <> 'D' AS enabled,
       t.tgconstraint <> 0 AS is_constraint, t.tgdeferrable AS deferrable, t.tginitdeferred AS initially_deferred,
       array(SELECT a.attname FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(attnum, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS update_of,
       fn.nspname || '.' || p.proname AS function,
       encode(t.tgargs, 'escape') AS args_raw, t.tgnargs AS nargs,
       pg_catalog.pg_get_triggerdef(t.oid, true) AS definition,
       ds.description AS comment
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
JOIN pg_catalog.pg_namespace fn ON fn.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = t.oid AND ds.classoid = 'pg_catalog.pg_trigger'::regclass AND ds.objsubid = 0
WHERE NOT t.tgisinternal
  AND t.tgparentid = 0
  AND (n.nspname = ANY ($1::text[]) OR fn.nspname = ANY ($1::text[]))
ORDER BY 2, 3, 5
