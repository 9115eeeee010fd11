-- source: pg-schema-diff composite_type_cases_test.go "Create composite type used by column" / "Alter composite type"
-- kind: types
-- @before
CREATE TYPE address AS (street text, city text);
CREATE TABLE customers (id integer PRIMARY KEY, home address);
-- @after
CREATE SCHEMA shared;
CREATE TYPE address AS (street text, city text, postcode varchar(12));
CREATE TYPE shared.money_amount AS (amount numeric(12,2), currency char(3));
CREATE TABLE customers (
    id integer PRIMARY KEY,
    home address,
    credit shared.money_amount,
    previous address[]
);
-- @seed
INSERT INTO customers (id, home.street, home.city) VALUES (1, '1 Main St', 'Springfield');
INSERT INTO customers (id) VALUES (2);
