-- source: pgschema testdata/diff/privilege/revoke_public_function and grant_function_execute
-- kind: privileges
-- @before
CREATE FUNCTION admin_reset(target integer) RETURNS void LANGUAGE sql AS $$ SELECT $$;
CREATE FUNCTION public_hello(name text) RETURNS text LANGUAGE sql AS $$ SELECT 'hello ' || name $$;
-- @after
CREATE FUNCTION admin_reset(target integer) RETURNS void LANGUAGE sql SECURITY DEFINER AS $$ SELECT $$;
CREATE FUNCTION public_hello(name text) RETURNS text LANGUAGE sql AS $$ SELECT 'hello ' || name $$;
REVOKE EXECUTE ON FUNCTION admin_reset(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION admin_reset(integer) TO service_role WITH GRANT OPTION;
GRANT EXECUTE ON FUNCTION public_hello(text) TO anon;
