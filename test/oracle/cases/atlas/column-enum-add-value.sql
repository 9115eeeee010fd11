-- source: ariga/atlas internal/integration/testdata/postgres/column-enum.txt
-- kind: enums
-- @before
CREATE TYPE public.order_status AS ENUM ('pending', 'shipped');
CREATE TABLE public.shipments (
  id bigint PRIMARY KEY,
  status public.order_status NOT NULL DEFAULT 'pending'
);
-- @after
CREATE TYPE public.order_status AS ENUM ('pending', 'packed', 'shipped', 'delivered');
CREATE TABLE public.shipments (
  id bigint PRIMARY KEY,
  status public.order_status NOT NULL DEFAULT 'pending'
);
-- @seed
INSERT INTO public.shipments (id, status) VALUES (1, 'pending'), (2, 'shipped');
