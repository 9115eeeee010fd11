-- Every object kind of the Catalog, in one schema plus a second managed schema.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'Application objects';

CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
COMMENT ON TYPE public.mood IS 'How it went';
CREATE TYPE app.status AS ENUM ('draft', 'published', 'archived');

CREATE DOMAIN public.positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE DOMAIN public.short_text AS varchar(40) CONSTRAINT short_text_not_blank CHECK (length(trim(VALUE)) > 0);
COMMENT ON DOMAIN public.short_text IS 'Non-blank short text';

CREATE SEQUENCE public.invoice_number AS integer START WITH 1000 INCREMENT BY 5 MINVALUE 10 MAXVALUE 999999 CACHE 2 CYCLE;
COMMENT ON SEQUENCE public.invoice_number IS 'Invoice numbers';

CREATE TABLE public.accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email citext NOT NULL UNIQUE,
  handle varchar(20) COLLATE "C",
  mood public.mood NOT NULL DEFAULT 'ok',
  score public.positive_int,
  balance numeric(12, 2) NOT NULL DEFAULT 0.00,
  tags text[] NOT NULL DEFAULT '{}',
  settings jsonb NOT NULL DEFAULT '{"theme": "dark", "n": 3, "tags": [null, true]}',
  created_at timestamptz NOT NULL DEFAULT now(),
  handle_lower text GENERATED ALWAYS AS (lower(handle)) STORED,
  CONSTRAINT accounts_balance_nonnegative CHECK (balance >= 0)
);
COMMENT ON TABLE public.accounts IS 'People who sign in';
COMMENT ON COLUMN public.accounts.email IS 'Login email';

CREATE TABLE public.invoices (
  id integer PRIMARY KEY DEFAULT nextval('public.invoice_number'),
  account_id bigint NOT NULL REFERENCES public.accounts (id) ON DELETE CASCADE ON UPDATE RESTRICT,
  seq_no serial NOT NULL,
  period daterange NOT NULL,
  total numeric NOT NULL,
  note text DEFAULT 'n/a',
  grace interval NOT NULL DEFAULT '1 day 02:00:00',
  due_at timestamptz DEFAULT '2030-01-01 12:00:00+00',
  ratio real DEFAULT 0.1,
  CONSTRAINT invoices_account_seq_key UNIQUE (account_id, seq_no)
);
CREATE INDEX invoices_account_idx ON public.invoices USING btree (account_id DESC NULLS LAST) INCLUDE (total) WHERE total > 0;
CREATE INDEX invoices_note_lower ON public.invoices (lower(note) text_pattern_ops);
CREATE UNIQUE INDEX invoices_total_note ON public.invoices (total, note) NULLS NOT DISTINCT;
COMMENT ON INDEX public.invoices_note_lower IS 'For prefix search';

CREATE TABLE public.invoice_lines (
  invoice_id integer NOT NULL,
  line_no smallint NOT NULL,
  amount double precision,
  PRIMARY KEY (invoice_id, line_no),
  CONSTRAINT invoice_lines_invoice_fkey FOREIGN KEY (invoice_id) REFERENCES public.invoices (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE app.events (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  happened_at timestamptz NOT NULL,
  status app.status NOT NULL DEFAULT 'draft',
  payload jsonb NOT NULL DEFAULT '[]'::jsonb
) PARTITION BY RANGE (happened_at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
CREATE TABLE app.events_default PARTITION OF app.events DEFAULT;
CREATE INDEX events_happened_idx ON app.events (happened_at);

CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.created_at := now();
  RETURN NEW;
END
$$;
CREATE FUNCTION public.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a + b $$;
COMMENT ON FUNCTION public.add(integer, integer) IS 'Adds';
CREATE FUNCTION app.secret() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = app, pg_temp AS $$ SELECT 'x' $$;
REVOKE ALL ON FUNCTION app.secret() FROM PUBLIC;
CREATE PROCEDURE public.bump(IN n integer) LANGUAGE sql AS $$ SELECT n $$;

CREATE TRIGGER accounts_touch BEFORE INSERT OR UPDATE OF handle, mood ON public.accounts
  FOR EACH ROW WHEN (NEW.handle IS NOT NULL) EXECUTE FUNCTION public.touch();
CREATE TRIGGER accounts_audit AFTER DELETE OR TRUNCATE ON public.accounts FOR EACH STATEMENT EXECUTE FUNCTION public.touch('a', 'b c');
COMMENT ON TRIGGER accounts_touch ON public.accounts IS 'Keep created_at fresh';

ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE public.accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY accounts_read ON public.accounts FOR SELECT TO PUBLIC USING (true);
CREATE POLICY accounts_write ON public.accounts AS RESTRICTIVE FOR UPDATE TO anon, authenticated USING (id > 0) WITH CHECK (balance >= 0);
CREATE POLICY accounts_ins ON public.accounts FOR INSERT TO service_role WITH CHECK (true);
COMMENT ON POLICY accounts_read ON public.accounts IS 'Everyone reads';

GRANT SELECT, INSERT ON public.accounts TO authenticated;
GRANT UPDATE (email, balance) ON public.accounts TO authenticated;
GRANT ALL ON public.invoices TO service_role;
GRANT USAGE ON SEQUENCE public.invoice_number, public.invoices_seq_no_seq TO service_role;
GRANT SELECT ON SEQUENCE public.invoice_number TO authenticated;
GRANT EXECUTE ON FUNCTION app.secret() TO service_role;

CREATE VIEW public.rich_accounts WITH (security_invoker = true) AS
  SELECT id, email FROM public.accounts WHERE balance > 1000;
COMMENT ON VIEW public.rich_accounts IS 'Accounts with money';
GRANT SELECT ON public.rich_accounts TO authenticated;
CREATE MATERIALIZED VIEW app.event_counts AS SELECT status, count(*) AS n FROM app.events GROUP BY status;
