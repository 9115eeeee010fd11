-- source: supabase/pg-delta tests/integration/mixed-objects.test.ts (comments)
-- kind: comments
-- @before
CREATE SCHEMA billing;
CREATE TYPE billing.currency AS ENUM ('usd', 'eur');
CREATE DOMAIN billing.amount AS numeric(12,2) CHECK (VALUE >= 0);
CREATE TABLE billing.charges (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  amount billing.amount NOT NULL,
  currency billing.currency NOT NULL,
  CONSTRAINT charges_amount_cap CHECK (amount < 1000000)
);
CREATE INDEX charges_currency_idx ON billing.charges (currency);
CREATE VIEW billing.usd_charges AS SELECT id, amount FROM billing.charges WHERE currency = 'usd';
CREATE FUNCTION billing.total() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(amount), 0) FROM billing.charges $$;
ALTER TABLE billing.charges ENABLE ROW LEVEL SECURITY;
CREATE POLICY charges_read ON billing.charges FOR SELECT TO app_reader USING (true);
COMMENT ON TABLE billing.charges IS 'old description';
-- @after
CREATE SCHEMA billing;
CREATE TYPE billing.currency AS ENUM ('usd', 'eur');
CREATE DOMAIN billing.amount AS numeric(12,2) CHECK (VALUE >= 0);
CREATE TABLE billing.charges (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  amount billing.amount NOT NULL,
  currency billing.currency NOT NULL,
  CONSTRAINT charges_amount_cap CHECK (amount < 1000000)
);
CREATE INDEX charges_currency_idx ON billing.charges (currency);
CREATE VIEW billing.usd_charges AS SELECT id, amount FROM billing.charges WHERE currency = 'usd';
CREATE FUNCTION billing.total() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(amount), 0) FROM billing.charges $$;
ALTER TABLE billing.charges ENABLE ROW LEVEL SECURITY;
CREATE POLICY charges_read ON billing.charges FOR SELECT TO app_reader USING (true);
COMMENT ON SCHEMA billing IS 'Billing domain';
COMMENT ON TYPE billing.currency IS 'ISO currency subset';
COMMENT ON DOMAIN billing.amount IS 'Non-negative money amount';
COMMENT ON TABLE billing.charges IS 'Card charges, one row per attempt';
COMMENT ON COLUMN billing.charges.amount IS 'Amount in major units';
COMMENT ON CONSTRAINT charges_amount_cap ON billing.charges IS 'Sanity cap';
COMMENT ON INDEX billing.charges_currency_idx IS 'Filter by currency';
COMMENT ON VIEW billing.usd_charges IS 'USD only';
COMMENT ON FUNCTION billing.total() IS 'Sum of all charges';
COMMENT ON POLICY charges_read ON billing.charges IS 'Readers see everything';
COMMENT ON SEQUENCE billing.charges_id_seq IS 'Identity sequence';
