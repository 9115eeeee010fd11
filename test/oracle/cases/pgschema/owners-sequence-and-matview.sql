-- source: pgschema testdata/diff (ALTER ... OWNER TO for tables, sequences, materialized views, functions)
-- kind: owners
-- @before
CREATE SEQUENCE order_no_seq;
CREATE TABLE orders (id integer PRIMARY KEY, order_no bigint DEFAULT nextval('order_no_seq'));
CREATE MATERIALIZED VIEW order_count AS SELECT count(*) AS n FROM orders;
CREATE DOMAIN cents AS integer CHECK (VALUE >= 0);
ALTER TABLE orders OWNER TO app_owner;
-- @after
CREATE SEQUENCE order_no_seq;
CREATE TABLE orders (id integer PRIMARY KEY, order_no bigint DEFAULT nextval('order_no_seq'));
CREATE MATERIALIZED VIEW order_count AS SELECT count(*) AS n FROM orders;
CREATE DOMAIN cents AS integer CHECK (VALUE >= 0);
ALTER SEQUENCE order_no_seq OWNER TO app_owner;
ALTER MATERIALIZED VIEW order_count OWNER TO app_owner;
ALTER DOMAIN cents OWNER TO app_owner;
-- @seed
INSERT INTO orders (id) VALUES (1), (2);
