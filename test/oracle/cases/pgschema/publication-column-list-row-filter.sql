-- source: pgschema testdata/diff/create_publication (table with column list and WHERE filter)
-- kind: publications
-- @before
CREATE TABLE customers (id integer PRIMARY KEY, name text, email text, region text, active boolean DEFAULT true);
CREATE TABLE invoices (id integer PRIMARY KEY, customer_id integer, amount numeric);
CREATE PUBLICATION crm_pub FOR TABLE customers;
-- @after
CREATE TABLE customers (id integer PRIMARY KEY, name text, email text, region text, active boolean DEFAULT true);
CREATE TABLE invoices (id integer PRIMARY KEY, customer_id integer, amount numeric);
CREATE PUBLICATION crm_pub FOR TABLE customers (id, name, region) WHERE (active), TABLE invoices WHERE (amount > 0)
    WITH (publish = 'insert, update');
-- @seed
INSERT INTO customers (id, name, email, region, active) VALUES (1, 'Acme', 'ops@acme.test', 'eu', true), (2, 'Globex', NULL, 'us', false);
INSERT INTO invoices (id, customer_id, amount) VALUES (1, 1, 99.5);
