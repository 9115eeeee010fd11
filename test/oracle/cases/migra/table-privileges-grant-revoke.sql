-- source: migra tests/FIXTURES/privileges
-- kind: privileges
-- @before
CREATE TABLE accounts (
    id serial PRIMARY KEY,
    name text NOT NULL
);
CREATE UNIQUE INDEX ON accounts (name);
CREATE VIEW accounts_v AS SELECT * FROM accounts;
GRANT SELECT, INSERT ON accounts TO app_writer;
GRANT SELECT ON accounts TO app_reader;
GRANT SELECT ON accounts_v TO anon;
-- @after
CREATE TABLE accounts (
    id serial PRIMARY KEY,
    name text NOT NULL
);
CREATE UNIQUE INDEX ON accounts (name);
CREATE VIEW accounts_v AS SELECT * FROM accounts;
GRANT SELECT, INSERT, UPDATE, DELETE ON accounts TO app_writer;
GRANT SELECT ON accounts TO app_reader, authenticated;
GRANT SELECT ON accounts_v TO authenticated;
GRANT TRUNCATE, REFERENCES, TRIGGER ON accounts TO service_role;
