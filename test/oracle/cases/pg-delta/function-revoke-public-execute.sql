-- source: supabase/pg-delta tests/integration/function-operations.test.ts (function privileges)
-- kind: privileges
-- @before
CREATE SCHEMA private;
CREATE FUNCTION private.purge_old_rows(p_days integer) RETURNS integer
  LANGUAGE plpgsql
  AS $$ BEGIN RETURN p_days; END $$;
-- @after
CREATE SCHEMA private;
CREATE FUNCTION private.purge_old_rows(p_days integer) RETURNS integer
  LANGUAGE plpgsql
  AS $$ BEGIN RETURN p_days; END $$;
REVOKE EXECUTE ON FUNCTION private.purge_old_rows(integer) FROM PUBLIC;
GRANT USAGE ON SCHEMA private TO service_role;
GRANT EXECUTE ON FUNCTION private.purge_old_rows(integer) TO service_role;
