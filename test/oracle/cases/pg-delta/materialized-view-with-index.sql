-- source: supabase/pg-delta tests/integration/materialized-view-operations.test.ts
-- kind: views
-- @before
CREATE TABLE public.sales (
  id bigint PRIMARY KEY,
  region text NOT NULL,
  amount numeric NOT NULL,
  sold_on date NOT NULL
);
CREATE MATERIALIZED VIEW public.sales_by_region AS
  SELECT region, sum(amount) AS total FROM public.sales GROUP BY region;
-- @after
CREATE TABLE public.sales (
  id bigint PRIMARY KEY,
  region text NOT NULL,
  amount numeric NOT NULL,
  sold_on date NOT NULL
);
CREATE MATERIALIZED VIEW public.sales_by_region AS
  SELECT region, date_trunc('month', sold_on)::date AS month, sum(amount) AS total, count(*) AS n
  FROM public.sales GROUP BY region, date_trunc('month', sold_on)::date
  WITH NO DATA;
CREATE UNIQUE INDEX sales_by_region_key ON public.sales_by_region (region, month);
GRANT SELECT ON public.sales_by_region TO authenticated;
