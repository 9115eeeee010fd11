-- source: pg-schema-diff privilege_cases_test.go / dbmswide_tests privilege_cases_test.go (column grants)
-- kind: privileges
-- @before
CREATE TABLE profiles (
    id integer PRIMARY KEY,
    display_name text,
    bio text,
    email text,
    is_admin boolean DEFAULT false
);
GRANT SELECT ON profiles TO authenticated;
GRANT UPDATE (display_name) ON profiles TO authenticated;
-- @after
CREATE TABLE profiles (
    id integer PRIMARY KEY,
    display_name text,
    bio text,
    email text,
    is_admin boolean DEFAULT false
);
GRANT SELECT (id, display_name, bio) ON profiles TO authenticated;
GRANT UPDATE (display_name, bio) ON profiles TO authenticated;
GRANT INSERT (id, display_name, bio, email) ON profiles TO service_role;
GRANT REFERENCES (id) ON profiles TO app_writer;
GRANT SELECT (id, email) ON profiles TO app_reader WITH GRANT OPTION;
