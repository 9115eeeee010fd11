-- source: pg-schema-diff extensions_cases_test.go "Create extension in schema" / "Drop extension"
-- kind: extensions
-- @before
CREATE EXTENSION "uuid-ossp";
CREATE EXTENSION ltree;
CREATE TABLE nodes (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), path ltree);
CREATE INDEX nodes_path_gist ON nodes USING gist (path);
-- @after
CREATE SCHEMA extensions;
CREATE EXTENSION pgcrypto WITH SCHEMA extensions;
CREATE EXTENSION ltree;
CREATE EXTENSION btree_gist;
CREATE TABLE nodes (id uuid PRIMARY KEY DEFAULT extensions.gen_random_uuid(), path ltree, owner_id integer);
CREATE INDEX nodes_path_gist ON nodes USING gist (path);
CREATE INDEX nodes_owner_path_gist ON nodes USING gist (owner_id, path);
-- @seed
INSERT INTO nodes (id, path) VALUES ('11111111-1111-1111-1111-111111111111', 'top.science'), ('22222222-2222-2222-2222-222222222222', 'top.art');
