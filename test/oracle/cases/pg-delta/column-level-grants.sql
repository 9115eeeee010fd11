-- source: supabase/pg-delta tests/integration/default-privileges-edge-case.test.ts "selective privilege grants"
-- kind: privileges
-- @before
CREATE TABLE public.accounts (
  id integer PRIMARY KEY,
  handle text NOT NULL,
  email text NOT NULL,
  stripe_customer text
);
GRANT SELECT ON public.accounts TO authenticated;
-- @after
CREATE TABLE public.accounts (
  id integer PRIMARY KEY,
  handle text NOT NULL,
  email text NOT NULL,
  stripe_customer text
);
GRANT SELECT (id, handle) ON public.accounts TO anon;
GRANT SELECT (id, handle, email) ON public.accounts TO authenticated;
GRANT UPDATE (handle) ON public.accounts TO authenticated;
GRANT ALL ON public.accounts TO service_role;
