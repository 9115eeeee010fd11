-- source: pg-schema-diff function_body_dep_cases_test.go / function_cases_test.go "Alter plpgsql function"
-- kind: functions
-- @before
CREATE TABLE counters (name text PRIMARY KEY, n integer NOT NULL DEFAULT 0);
CREATE FUNCTION bump(p_name text) RETURNS integer
    LANGUAGE plpgsql
    AS $$
DECLARE
    v integer;
BEGIN
    UPDATE counters SET n = n + 1 WHERE name = p_name RETURNING n INTO v;
    RETURN v;
END
$$;
CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN i + 1;
-- @after
CREATE TABLE counters (name text PRIMARY KEY, n bigint NOT NULL DEFAULT 0);
CREATE FUNCTION bump(p_name text, p_by bigint DEFAULT 1) RETURNS bigint
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = public, pg_temp
    AS $$
DECLARE
    v bigint;
BEGIN
    INSERT INTO counters (name, n) VALUES (p_name, p_by)
    ON CONFLICT (name) DO UPDATE SET n = counters.n + p_by
    RETURNING n INTO v;
    RETURN v;
END
$$;
CREATE FUNCTION add_one(i integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT LEAKPROOF RETURN i + 1;
CREATE PROCEDURE reset_counters() LANGUAGE sql AS $$ UPDATE counters SET n = 0 $$;
-- @seed
INSERT INTO counters (name, n) VALUES ('a', 1), ('b', 5);
