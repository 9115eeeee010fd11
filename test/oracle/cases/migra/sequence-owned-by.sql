-- source: migra tests/FIXTURES/seq
-- kind: sequences
-- @before
CREATE TABLE invoices (id integer PRIMARY KEY, number integer);
CREATE SEQUENCE invoice_number_seq START 1000 INCREMENT 1;
CREATE SEQUENCE stale_seq;
-- @after
CREATE TABLE invoices (id integer PRIMARY KEY, number integer);
CREATE SEQUENCE invoice_number_seq AS integer START 1000 INCREMENT 10 MINVALUE 1000 MAXVALUE 999999 CACHE 5 CYCLE;
ALTER TABLE invoices ALTER COLUMN number SET DEFAULT nextval('invoice_number_seq');
ALTER SEQUENCE invoice_number_seq OWNED BY invoices.number;
-- @seed
INSERT INTO invoices (id, number) VALUES (1, 1000), (2, 1001);
