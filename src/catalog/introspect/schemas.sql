-- Managed schemas that exist, with their comments; the default privileges (pg_default_acl) of
-- those whose spec declares them ($4), per role and object type.
SELECT n.nspname AS name,
       obj_description(n.oid, 'pg_namespace') AS comment,
       n.nspacl::text[] AS acl, pg_catalog.pg_get_userbyid(n.nspowner) AS owner,
       -- PostgreSQL 15+ gives `public` to pg_database_owner, which is whoever owns the database: no owner of its own.
       CASE WHEN 'owners' = ANY ($5::text[]) AND NOT (n.nspname = 'public' AND pg_catalog.pg_get_userbyid(n.nspowner) = 'pg_database_owner')
            THEN NULLIF(pg_catalog.pg_get_userbyid(n.nspowner), current_user::text) END AS other_owner,
       CASE WHEN n.nspname = ANY ($4::text[]) THEN
         (SELECT json_agg(json_build_object('role', pg_catalog.pg_get_userbyid(d.defaclrole), 'type', d.defaclobjtype::text, 'acl', d.defaclacl::text[])
                          ORDER BY pg_catalog.pg_get_userbyid(d.defaclrole), d.defaclobjtype)
            FROM pg_catalog.pg_default_acl d WHERE d.defaclnamespace = n.oid)::text
       END AS default_acl
FROM pg_catalog.pg_namespace n
WHERE n.nspname = ANY ($1::text[])
UNION ALL
-- Default privileges without IN SCHEMA, under the empty name, when the spec declares some.
SELECT '', NULL, NULL, NULL, NULL,
       (SELECT json_agg(json_build_object('role', pg_catalog.pg_get_userbyid(d.defaclrole), 'type', d.defaclobjtype::text, 'acl', d.defaclacl::text[])
                        ORDER BY pg_catalog.pg_get_userbyid(d.defaclrole), d.defaclobjtype)
          FROM pg_catalog.pg_default_acl d WHERE d.defaclnamespace = 0)::text
WHERE '' = ANY ($4::text[])
ORDER BY 1
