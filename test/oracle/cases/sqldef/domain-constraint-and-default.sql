-- source: sqldef/sqldef cmd/psqldef/tests_domains.yml (alter domain default / constraints / not null)
-- kind: domains
-- @before
CREATE DOMAIN public.percentage AS integer
  CONSTRAINT percentage_range CHECK (VALUE BETWEEN 0 AND 100);
CREATE DOMAIN public.slug AS text;
CREATE TABLE public.campaigns (
  id integer PRIMARY KEY,
  slug public.slug NOT NULL,
  discount public.percentage
);
-- @after
CREATE DOMAIN public.percentage AS integer
  DEFAULT 0
  NOT NULL
  CONSTRAINT percentage_range CHECK (VALUE >= 0 AND VALUE <= 100);
CREATE DOMAIN public.slug AS text
  CONSTRAINT slug_format CHECK (VALUE ~ '^[a-z0-9-]+$');
CREATE TABLE public.campaigns (
  id integer PRIMARY KEY,
  slug public.slug NOT NULL,
  discount public.percentage
);
-- @seed
INSERT INTO public.campaigns (id, slug, discount) VALUES (1, 'spring-sale', 20), (2, 'launch', 0);
