-- source: migra tests/FIXTURES/enumdeps
-- kind: enums
-- @before
CREATE TYPE order_state AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE orders (id integer PRIMARY KEY, state order_state NOT NULL DEFAULT 'new');
CREATE VIEW orders_v AS SELECT * FROM orders;
CREATE VIEW paid_orders AS SELECT id, state, 'paid'::order_state AS marker FROM orders WHERE state = 'paid';
-- @after
CREATE TYPE order_state AS ENUM ('new', 'paid', 'packed', 'shipped', 'returned');
CREATE TABLE orders (id integer PRIMARY KEY, state order_state NOT NULL DEFAULT 'new');
CREATE VIEW orders_v AS SELECT * FROM orders;
CREATE VIEW paid_orders AS SELECT id, state, 'paid'::order_state AS marker FROM orders WHERE state = 'paid';
CREATE TABLE order_events (id integer, state order_state);
-- @seed
INSERT INTO orders (id, state) VALUES (1, 'new'), (2, 'paid'), (3, 'shipped');
