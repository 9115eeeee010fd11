-- Extensions installed in a managed schema, or named by the spec ($2).
SELECT e.extname AS name, n.nspname AS schema
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
  AND (n.nspname = ANY ($1::text[]) OR e.extname = ANY ($2::text[]))
ORDER BY 1
