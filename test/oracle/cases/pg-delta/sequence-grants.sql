-- source: supabase/pg-delta tests/integration/sequence-operations.test.ts (sequence privileges)
-- kind: privileges
-- @before
CREATE SEQUENCE public.invoice_number_seq START WITH 1000;
CREATE TABLE public.invoices (
  id serial PRIMARY KEY,
  number bigint NOT NULL DEFAULT nextval('public.invoice_number_seq'),
  total numeric NOT NULL
);
GRANT SELECT, INSERT ON public.invoices TO authenticated;
-- @after
CREATE SEQUENCE public.invoice_number_seq START WITH 1000;
CREATE TABLE public.invoices (
  id serial PRIMARY KEY,
  number bigint NOT NULL DEFAULT nextval('public.invoice_number_seq'),
  total numeric NOT NULL
);
GRANT SELECT, INSERT ON public.invoices TO authenticated;
GRANT USAGE, SELECT ON SEQUENCE public.invoice_number_seq TO authenticated;
GRANT USAGE ON SEQUENCE public.invoices_id_seq TO authenticated;
GRANT ALL ON SEQUENCE public.invoice_number_seq, public.invoices_id_seq TO service_role;
