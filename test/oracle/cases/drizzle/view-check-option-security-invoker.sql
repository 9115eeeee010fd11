-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-views.test.ts (view with options: check_option, security_invoker)
-- kind: views
-- @before
CREATE TABLE public.listings (
  id integer PRIMARY KEY,
  city text NOT NULL,
  price integer NOT NULL,
  visible boolean NOT NULL DEFAULT true
);
CREATE VIEW public.visible_listings AS
  SELECT id, city, price, visible FROM public.listings WHERE visible;
-- @after
CREATE TABLE public.listings (
  id integer PRIMARY KEY,
  city text NOT NULL,
  price integer NOT NULL,
  visible boolean NOT NULL DEFAULT true
);
CREATE VIEW public.visible_listings WITH (security_invoker = true, check_option = local) AS
  SELECT id, city, price, visible FROM public.listings WHERE visible;
CREATE VIEW public.cheap_listings AS
  SELECT id, city, price, visible FROM public.visible_listings WHERE price < 100
  WITH CASCADED CHECK OPTION;
GRANT SELECT, INSERT ON public.visible_listings TO authenticated;
