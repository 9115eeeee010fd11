-- source: pg-schema-diff object_owner_cases_test.go
-- kind: owners
-- @before
CREATE SCHEMA billing;
CREATE TABLE billing.charges (id serial PRIMARY KEY, cents integer);
CREATE VIEW billing.charges_v AS SELECT * FROM billing.charges;
CREATE FUNCTION billing.cents_to_units(c integer) RETURNS numeric LANGUAGE sql AS $$ SELECT c / 100.0 $$;
CREATE TYPE billing.kind AS ENUM ('one_off', 'recurring');
-- @after
CREATE SCHEMA billing AUTHORIZATION app_owner;
CREATE TABLE billing.charges (id serial PRIMARY KEY, cents integer);
CREATE VIEW billing.charges_v AS SELECT * FROM billing.charges;
CREATE FUNCTION billing.cents_to_units(c integer) RETURNS numeric LANGUAGE sql AS $$ SELECT c / 100.0 $$;
CREATE TYPE billing.kind AS ENUM ('one_off', 'recurring');
ALTER TABLE billing.charges OWNER TO app_owner;
ALTER VIEW billing.charges_v OWNER TO app_owner;
ALTER FUNCTION billing.cents_to_units(integer) OWNER TO app_owner;
ALTER TYPE billing.kind OWNER TO app_owner;
-- @seed
INSERT INTO billing.charges (cents) VALUES (1999), (500);
