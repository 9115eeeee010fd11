-- Managed schemas that exist, with their comments.
SELECT n.nspname AS name,
       obj_description(n.oid, 'pg_namespace') AS comment,
       n.nspacl::text[] AS acl, pg_catalog.pg_get_userbyid(n.nspowner) AS owner
FROM pg_catalog.pg_namespace n
WHERE n.nspname = ANY ($1::text[])
ORDER BY 1
