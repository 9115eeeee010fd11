-- source: migra tests/FIXTURES/generated_added and generated
-- kind: columns
-- @before
CREATE TABLE line_items (
    id         integer PRIMARY KEY,
    quantity   integer NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    label      text
);
-- @after
CREATE TABLE line_items (
    id         integer PRIMARY KEY,
    quantity   integer NOT NULL,
    unit_price numeric(10,2) NOT NULL,
    label      text,
    total      numeric(12,2) GENERATED ALWAYS AS (quantity * unit_price) STORED,
    label_lc   text GENERATED ALWAYS AS (lower(label)) STORED
);
-- @seed
INSERT INTO line_items (id, quantity, unit_price, label) VALUES (1, 3, 2.50, 'Widget'), (2, 1, 10.00, NULL);
