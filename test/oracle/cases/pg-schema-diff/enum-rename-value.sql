-- source: pg-schema-diff enum_cases_test.go "Add enum value" / "Rename enum value"
-- kind: enums
-- @before
CREATE TYPE color AS ENUM ('red', 'grene', 'blue');
CREATE TABLE paints (id integer PRIMARY KEY, color color NOT NULL);
-- @after
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
ALTER TYPE color ADD VALUE 'yellow' BEFORE 'blue';
CREATE TABLE paints (id integer PRIMARY KEY, color color NOT NULL);
-- @seed
INSERT INTO paints (id, color) VALUES (1, 'red'), (2, 'blue');
