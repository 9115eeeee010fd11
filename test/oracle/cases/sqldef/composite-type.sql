-- source: sqldef/sqldef cmd/psqldef/tests_types.yml (CREATE TYPE AS composite)
-- kind: types
-- @before
CREATE TYPE public.address AS (
  street text,
  city text
);
CREATE TABLE public.customers (
  id integer PRIMARY KEY,
  name text NOT NULL
);
-- @after
CREATE TYPE public.address AS (
  street text,
  city text,
  postal_code varchar(12),
  country char(2)
);
CREATE TYPE public.money_range AS (
  lo numeric,
  hi numeric
);
CREATE TABLE public.customers (
  id integer PRIMARY KEY,
  name text NOT NULL,
  billing public.address
);
-- @seed
INSERT INTO public.customers (id, name) VALUES (1, 'Acme'), (2, 'Initech');
