-- source: supabase/pg-delta tests/integration/default-privileges-edge-case.test.ts (functions/types, grant option)
-- kind: default-privileges
-- @before
CREATE SCHEMA rpc;
-- @after
CREATE SCHEMA rpc;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA rpc
  GRANT EXECUTE ON FUNCTIONS TO authenticated;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA rpc
  GRANT EXECUTE ON FUNCTIONS TO service_role WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE app_owner
  GRANT USAGE ON TYPES TO app_reader;
