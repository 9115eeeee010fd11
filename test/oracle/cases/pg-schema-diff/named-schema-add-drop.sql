-- source: pg-schema-diff named_schema_cases_test.go "Add schema" / "Drop schema" / "Move table between schemas"
-- kind: schemas
-- @before
CREATE SCHEMA schema_1;
CREATE SCHEMA "Schema_Quoted";
CREATE TABLE schema_1.foobar (id integer PRIMARY KEY, foo text);
CREATE TABLE "Schema_Quoted"."Mixed" (id integer);
-- @after
CREATE SCHEMA schema_1;
CREATE SCHEMA schema_2;
CREATE TABLE schema_1.foobar (id integer PRIMARY KEY, foo text);
CREATE TABLE schema_2.foobar (id integer PRIMARY KEY, foo text, schema_1_id integer REFERENCES schema_1.foobar (id));
CREATE INDEX foobar_foo_idx ON schema_2.foobar (foo);
-- @seed
INSERT INTO schema_1.foobar (id, foo) VALUES (1, 'one');
