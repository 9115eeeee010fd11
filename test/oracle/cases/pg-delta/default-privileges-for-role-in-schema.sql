-- source: supabase/pg-delta tests/integration/default-privileges-edge-case.test.ts "schema-specific setup"
-- kind: default-privileges
-- @before
CREATE SCHEMA api;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA api
  GRANT SELECT ON TABLES TO anon;
-- @after
CREATE SCHEMA api;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA api
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA api
  GRANT ALL ON TABLES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA api
  GRANT USAGE, SELECT ON SEQUENCES TO authenticated;
