-- Tables (plain and partitioned) of the managed schemas: RLS, partitioning, comment, grants
-- (the ACL as text and the owner, read by acl.ts), replica identity and publication memberships
-- (a column list and a row filter are PostgreSQL 15's: read through to_jsonb so 14 reads too; the
-- int2vector prattrs is a JSON array there). REPLICA IDENTITY USING INDEX names its index.
SELECT c.oid::int8::text AS oid, n.nspname AS schema, c.relname AS name,
       c.relkind = 'p' AS partitioned,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_by,
       CASE WHEN c.relispartition THEN (SELECT pn.nspname || '.' || pc.relname FROM pg_catalog.pg_inherits i
              JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
             WHERE i.inhrelid = c.oid LIMIT 1) END AS partition_parent,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
       ds.description AS comment,
       c.relacl::text[] AS acl, pg_catalog.pg_get_userbyid(c.relowner) AS owner,
       CASE WHEN 'owners' = ANY ($5::text[]) THEN NULLIF(pg_catalog.pg_get_userbyid(c.relowner), current_user::text) END AS other_owner,
       c.reloptions::text[] AS options,
       CASE c.relreplident WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing' WHEN 'i' THEN 'index' END AS replica_identity,
       CASE WHEN c.relreplident = 'i' THEN (SELECT ic.relname FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class ic ON ic.oid = ix.indexrelid
              WHERE ix.indrelid = c.oid AND ix.indisreplident LIMIT 1) END AS replica_index,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                 'publication', pb.pubname,
                 'columns', CASE WHEN pg_catalog.to_jsonb(pr) ->> 'prattrs' IS NOT NULL THEN
                   (SELECT array_agg(a.attname ORDER BY a.attnum) FROM pg_catalog.pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attnum IN (SELECT pg_catalog.jsonb_array_elements_text(pg_catalog.to_jsonb(pr) -> 'prattrs')::int2)) END,
                 'where', (SELECT pg_catalog.to_jsonb(pt) ->> 'rowfilter' FROM pg_catalog.pg_publication_tables pt
                            WHERE pt.pubname = pb.pubname AND pt.schemaname = n.nspname AND pt.tablename = c.relname))
               ORDER BY pb.pubname)::text
          FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_publication pb ON pb.oid = pr.prpubid
         WHERE pr.prrelid = c.oid) AS publications
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = 0
WHERE c.relkind IN ('r', 'p')
  AND n.nspname = ANY ($1::text[])
  -- Extension members, read from the index on the referenced object (a few rows per extension).
  AND c.oid NOT IN (SELECT d.objid FROM pg_catalog.pg_depend d WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e' AND d.classid = 'pg_catalog.pg_class'::regclass)
ORDER BY 2, 3
