-- source: migra tests/FIXTURES/rls
-- kind: policies
-- @before
CREATE TABLE notes (
    id serial PRIMARY KEY,
    owner_name text NOT NULL DEFAULT current_user,
    body text
);
CREATE POLICY notes_read ON notes FOR SELECT TO app_reader USING (true);
-- @after
CREATE TABLE notes (
    id serial PRIMARY KEY,
    owner_name text NOT NULL DEFAULT current_user,
    body text
);
ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE notes FORCE ROW LEVEL SECURITY;
CREATE POLICY notes_read ON notes FOR SELECT TO app_reader, authenticated USING (owner_name = current_user);
CREATE POLICY notes_write ON notes AS RESTRICTIVE FOR INSERT TO authenticated WITH CHECK (owner_name = current_user);
CREATE POLICY notes_admin ON notes FOR ALL TO service_role USING (true) WITH CHECK (true);
-- @seed
INSERT INTO notes (owner_name, body) VALUES ('alice', 'hello'), ('bob', 'world');
