-- source: migra tests/FIXTURES/extversions and singleschema_ext
-- kind: extensions
-- @before
CREATE EXTENSION hstore;
CREATE TABLE users (id integer PRIMARY KEY, email text, attrs hstore);
-- @after
CREATE EXTENSION citext;
CREATE EXTENSION pg_trgm;
CREATE TABLE users (id integer PRIMARY KEY, email citext, attrs jsonb);
CREATE INDEX users_email_trgm ON users USING gin ((email::text) gin_trgm_ops);
