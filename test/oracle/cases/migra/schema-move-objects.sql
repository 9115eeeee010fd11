-- source: migra tests/FIXTURES/diffrentschemas
-- kind: schemas
-- @before
CREATE SCHEMA legacy;
CREATE TABLE legacy.widgets (id integer PRIMARY KEY, name text);
CREATE TABLE public.gadgets (id integer PRIMARY KEY);
-- @after
CREATE SCHEMA inventory;
CREATE TABLE inventory.widgets (id integer PRIMARY KEY, name text);
CREATE TABLE public.gadgets (id integer PRIMARY KEY);
CREATE SCHEMA staging AUTHORIZATION app_owner;
GRANT USAGE ON SCHEMA inventory TO app_reader;
