-- source: pgschema testdata/diff/privilege/issue_324_modify_grant_to_column
-- kind: privileges
-- @before
CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer text,
    total numeric,
    internal_note text
);
GRANT SELECT, UPDATE ON orders TO app_writer;
-- @after
CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer text,
    total numeric,
    internal_note text
);
GRANT SELECT ON orders TO app_writer;
GRANT UPDATE (customer, total) ON orders TO app_writer;
