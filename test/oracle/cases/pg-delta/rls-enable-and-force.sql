-- source: supabase/pg-delta tests/integration/rls-operations.test.ts "enable RLS on table"
-- kind: policies
-- @before
CREATE SCHEMA app;
CREATE TABLE app.profiles (
  id integer PRIMARY KEY,
  display_name text NOT NULL,
  email text UNIQUE NOT NULL
);
-- @after
CREATE SCHEMA app;
CREATE TABLE app.profiles (
  id integer PRIMARY KEY,
  display_name text NOT NULL,
  email text UNIQUE NOT NULL
);
ALTER TABLE app.profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.profiles FORCE ROW LEVEL SECURITY;
CREATE POLICY profiles_read_all ON app.profiles FOR SELECT TO authenticated USING (true);
-- @seed
INSERT INTO app.profiles (id, display_name, email) VALUES
  (1, 'Ada', 'ada@example.com'),
  (2, 'Grace', 'grace@example.com');
