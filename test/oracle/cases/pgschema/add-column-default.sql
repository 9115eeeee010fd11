-- source: pgschema testdata/diff/create_table/add_column_default
-- kind: columns
-- @before
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL
);
-- @after
CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    status text NOT NULL DEFAULT 'active',
    score numeric(6,2) DEFAULT 0.0,
    signup_day date DEFAULT CURRENT_DATE,
    settings jsonb NOT NULL DEFAULT '{"theme": "light"}'::jsonb
);
-- @seed
INSERT INTO users (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com'), (3, 'c@example.com');
