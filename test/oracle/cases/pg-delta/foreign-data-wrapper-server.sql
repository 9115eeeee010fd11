-- source: supabase/pg-delta tests/integration/foreign-data-wrapper-operations.test.ts
-- kind: out-of-scope
-- @before
CREATE TABLE public.local_notes (id integer PRIMARY KEY, note text);
-- @after
CREATE TABLE public.local_notes (id integer PRIMARY KEY, note text);
CREATE FOREIGN DATA WRAPPER oracle_dummy_fdw;
CREATE SERVER oracle_remote FOREIGN DATA WRAPPER oracle_dummy_fdw OPTIONS (host 'db.internal', port '5432');
CREATE USER MAPPING FOR app_owner SERVER oracle_remote OPTIONS (user 'remote_user');
CREATE FOREIGN TABLE public.remote_notes (id integer, note text) SERVER oracle_remote OPTIONS (table_name 'notes');
