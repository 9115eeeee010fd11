-- source: pg-schema-diff column_cases_test.go "Add column with default" / "Set NOT NULL"
-- kind: columns
-- @before
CREATE TABLE foobar (
    id integer PRIMARY KEY,
    name text,
    legacy_flag boolean
);
-- @after
CREATE TABLE foobar (
    id integer PRIMARY KEY,
    name text NOT NULL DEFAULT 'unnamed',
    created_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    tags text[] DEFAULT '{}'::text[]
);
-- @seed
INSERT INTO foobar (id, name) VALUES (1, 'one'), (2, 'two');
