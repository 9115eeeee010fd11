-- What the managed scope owns on the platform's tables, for the items the scope names ($3):
-- policies on a platform table (`policies:storage.objects`), the rows of storage.buckets
-- (`buckets`), this database's named pg_cron jobs (`cron_jobs`) and its publications (`publications`).
-- One JSON document per row.
-- The tables may be missing (a plain PostgreSQL, pg_cron not installed): their rows are read
-- through query_to_xml only when they exist, so the query runs (and parses) on any database.
SELECT 'policy' AS kind,
       pg_catalog.json_build_object(
         'table', n.nspname || '.' || c.relname, 'name', p.polname, 'command', p.polcmd, 'permissive', p.polpermissive,
         'roles', array(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(r) END FROM unnest(p.polroles) r ORDER BY 1)::text[],
         'using_expr', pg_catalog.pg_get_expr(p.polqual, p.polrelid, true),
         'check_expr', pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid, true),
         'comment', ds.description)::text AS data
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_policy'::regclass AND ds.objsubid = 0
WHERE 'policies:' || n.nspname || '.' || c.relname = ANY ($3::text[])
UNION ALL
SELECT 'buckets', x.data
FROM XMLTABLE('/row' PASSING (CASE WHEN 'buckets' = ANY ($3::text[]) AND pg_catalog.to_regclass('storage.buckets') IS NOT NULL THEN
  pg_catalog.query_to_xml('SELECT pg_catalog.json_agg(pg_catalog.json_build_object(''id'', id, ''public'', coalesce(public, false),
    ''file_size_limit'', file_size_limit, ''allowed_mime_types'', allowed_mime_types) ORDER BY id) AS data FROM storage.buckets', true, true, '') END)
  COLUMNS data text PATH 'data') x
UNION ALL
SELECT 'cron_jobs', x.data
FROM XMLTABLE('/row' PASSING (CASE WHEN 'cron_jobs' = ANY ($3::text[]) AND pg_catalog.to_regclass('cron.job') IS NOT NULL THEN
  pg_catalog.query_to_xml('SELECT pg_catalog.json_agg(pg_catalog.json_build_object(''name'', jobname, ''schedule'', schedule,
    ''command'', command, ''active'', active) ORDER BY jobname) AS data FROM cron.job
    WHERE database = pg_catalog.current_database() AND jobname IS NOT NULL', true, true, '') END)
  COLUMNS data text PATH 'data') x
UNION ALL
-- Publications (`publications`), but FOR ALL TABLES ones: their options, FOR TABLES IN SCHEMA (the
-- schemas a pg_publication_namespace row ties to the publication in pg_depend, so 14 reads it as
-- none), the owner when not the connecting role, the comment.
SELECT 'publication', pg_catalog.json_build_object(
         'name', p.pubname, 'insert', p.pubinsert, 'update', p.pubupdate, 'delete', p.pubdelete, 'truncate', p.pubtruncate,
         'via_root', p.pubviaroot,
         'schemas', array(SELECT sn.nspname FROM pg_catalog.pg_depend dp
                            JOIN pg_catalog.pg_depend dn ON dn.classid = dp.classid AND dn.objid = dp.objid AND dn.refclassid = 'pg_catalog.pg_namespace'::regclass
                            JOIN pg_catalog.pg_namespace sn ON sn.oid = dn.refobjid
                           WHERE dp.classid = pg_catalog.to_regclass('pg_catalog.pg_publication_namespace')
                             AND dp.refclassid = 'pg_catalog.pg_publication'::regclass AND dp.refobjid = p.oid ORDER BY 1)::text[],
         'owner', CASE WHEN pg_catalog.pg_get_userbyid(p.pubowner) <> current_user THEN pg_catalog.pg_get_userbyid(p.pubowner) END,
         'comment', ds.description)::text
FROM pg_catalog.pg_publication p
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_publication'::regclass AND ds.objsubid = 0
WHERE 'publications' = ANY ($3::text[]) AND NOT p.puballtables
ORDER BY 1, 2
