-- source: migra tests/FIXTURES/privilegesnontable
-- kind: privileges
-- @before
CREATE SCHEMA api;
CREATE TYPE api.status AS ENUM ('on', 'off');
CREATE DOMAIN api.nonempty AS text CHECK (VALUE <> '');
CREATE SEQUENCE api.counter;
CREATE FUNCTION api.ping(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
GRANT USAGE ON SCHEMA api TO app_reader;
-- @after
CREATE SCHEMA api;
CREATE TYPE api.status AS ENUM ('on', 'off');
CREATE DOMAIN api.nonempty AS text CHECK (VALUE <> '');
CREATE SEQUENCE api.counter;
CREATE FUNCTION api.ping(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
GRANT USAGE ON SCHEMA api TO app_reader, authenticated;
GRANT CREATE ON SCHEMA api TO app_owner;
REVOKE USAGE ON TYPE api.status FROM PUBLIC;
GRANT USAGE ON TYPE api.status TO authenticated;
REVOKE USAGE ON DOMAIN api.nonempty FROM PUBLIC;
GRANT USAGE ON DOMAIN api.nonempty TO app_writer;
GRANT USAGE, SELECT ON SEQUENCE api.counter TO app_writer;
GRANT UPDATE ON SEQUENCE api.counter TO service_role;
REVOKE EXECUTE ON FUNCTION api.ping(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api.ping(integer) TO authenticated, service_role;
