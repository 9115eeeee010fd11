-- source: ariga/atlas internal/integration/testdata/postgres/column-generated.txt
-- kind: columns
-- @before
CREATE TABLE public.line_items (
  id integer PRIMARY KEY,
  qty integer NOT NULL,
  unit_price numeric(10,2) NOT NULL
);
-- @after
CREATE TABLE public.line_items (
  id integer PRIMARY KEY,
  qty integer NOT NULL,
  unit_price numeric(10,2) NOT NULL,
  subtotal numeric(12,2) GENERATED ALWAYS AS (qty * unit_price) STORED
);
-- @seed
INSERT INTO public.line_items (id, qty, unit_price) VALUES (1, 3, 2.50), (2, 1, 19.99);
