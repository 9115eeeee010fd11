-- source: pgschema testdata/diff/create_publication (FOR TABLES IN SCHEMA, publish options)
-- kind: publications
-- @before
CREATE SCHEMA sync;
CREATE TABLE sync.a (id integer PRIMARY KEY);
CREATE TABLE sync.b (id integer PRIMARY KEY);
CREATE TABLE public.audit (id integer PRIMARY KEY, msg text);
CREATE PUBLICATION sync_pub FOR TABLE sync.a, sync.b;
CREATE PUBLICATION audit_pub FOR TABLE public.audit WITH (publish = 'insert');
-- @after
CREATE SCHEMA sync;
CREATE TABLE sync.a (id integer PRIMARY KEY);
CREATE TABLE sync.b (id integer PRIMARY KEY);
CREATE TABLE public.audit (id integer PRIMARY KEY, msg text);
CREATE PUBLICATION sync_pub FOR TABLES IN SCHEMA sync, TABLE public.audit
    WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = true);
ALTER PUBLICATION sync_pub OWNER TO app_owner;
COMMENT ON PUBLICATION sync_pub IS 'sync schema plus audit';
