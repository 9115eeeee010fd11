-- Row-level security policies of managed tables.
SELECT p.polrelid::int8::text AS rel, p.polname AS name, p.polcmd AS command, p.polpermissive AS permissive,
       array(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(r) END FROM unnest(p.polroles) r ORDER BY 1)::text[] AS roles,
       pg_catalog.pg_get_expr(p.polqual, p.polrelid, true) AS using_expr,
       pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid, true) AS check_expr,
       ds.description AS comment
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_policy'::regclass AND ds.objsubid = 0
WHERE n.nspname = ANY ($1::text[])
ORDER BY 1, 2
