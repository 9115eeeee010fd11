-- source: pg-schema-diff check_constraint_cases_test.go "Add check constraint not valid" / "Validate check constraint"
-- kind: constraints
-- @before
CREATE TABLE foobar (
    id integer PRIMARY KEY,
    qty integer,
    price numeric,
    CONSTRAINT qty_positive CHECK (qty > 0) NOT VALID
);
-- @after
CREATE TABLE foobar (
    id integer PRIMARY KEY,
    qty integer,
    price numeric,
    CONSTRAINT qty_positive CHECK (qty > 0),
    CONSTRAINT price_nonneg CHECK (price >= 0) NOT VALID,
    CONSTRAINT qty_reasonable CHECK (qty < 100000) NO INHERIT
);
-- @seed
INSERT INTO foobar (id, qty, price) VALUES (1, 5, 1.25), (2, 10, 0);
