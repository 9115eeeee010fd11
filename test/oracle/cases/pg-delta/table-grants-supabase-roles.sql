-- source: supabase/pg-delta tests/integration/default-privileges-edge-case.test.ts "table revoke a privilege"
-- kind: privileges
-- @before
CREATE TABLE public.products (
  id integer PRIMARY KEY,
  name text NOT NULL,
  price numeric(10,2) NOT NULL
);
GRANT ALL ON public.products TO anon, authenticated, service_role;
-- @after
CREATE TABLE public.products (
  id integer PRIMARY KEY,
  name text NOT NULL,
  price numeric(10,2) NOT NULL
);
GRANT SELECT ON public.products TO anon;
GRANT SELECT, INSERT, UPDATE ON public.products TO authenticated;
GRANT ALL ON public.products TO service_role;
