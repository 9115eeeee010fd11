/**
 * Expressions over an array coerced as a whole (`tier IN ('free', 'plus')` on a varchar column) in a
 * check, a policy, a partial index, a domain check and a view: planned from the catalog's text, they
 * must read back as the same expression (harness.ts judges the catalogs), on tables with rows.
 */
import { describe, it } from 'vitest';
import { roundTrip } from './harness.js';

const TABLE = `CREATE TABLE public.accounts (id int PRIMARY KEY, tier varchar(10) NOT NULL DEFAULT 'free');
  ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;`;
const DATA = `INSERT INTO public.accounts SELECT g, CASE WHEN g % 2 = 0 THEN 'free' ELSE 'plus' END FROM generate_series(1, 3000) g;`;

describe('IN lists on varchar columns', () => {
  it('a check, a policy, a partial index, a domain check and a view round-trip', async () => {
    await roundTrip(
      TABLE,
      `${TABLE}
        ALTER TABLE public.accounts ADD CONSTRAINT accounts_tier CHECK (tier IN ('free', 'plus'));
        CREATE POLICY accounts_paid ON public.accounts FOR SELECT TO authenticated USING (tier IN ('plus', 'pro'));
        CREATE INDEX accounts_paid_idx ON public.accounts (id) WHERE tier IN ('plus', 'pro');
        CREATE DOMAIN public.plan_name AS varchar(10) CHECK (VALUE IN ('free', 'plus'));
        CREATE VIEW public.paid_accounts AS SELECT id FROM public.accounts WHERE tier IN ('plus', 'pro');`,
      { data: DATA },
    );
  });
});
