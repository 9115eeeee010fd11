-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-schemas.test.ts (create schema, move table to new schema)
-- kind: schemas
-- @before
CREATE SCHEMA legacy;
CREATE TABLE legacy.flags (key text PRIMARY KEY, enabled boolean NOT NULL DEFAULT false);
-- @after
CREATE SCHEMA config;
CREATE SCHEMA audit AUTHORIZATION app_owner;
CREATE TABLE config.flags (key text PRIMARY KEY, enabled boolean NOT NULL DEFAULT false);
CREATE TABLE audit.flag_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  flag_key text NOT NULL REFERENCES config.flags (key) ON DELETE CASCADE,
  changed_at timestamptz NOT NULL DEFAULT now()
);
GRANT USAGE ON SCHEMA config TO anon, authenticated;
COMMENT ON SCHEMA config IS 'Runtime configuration';
