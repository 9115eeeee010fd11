-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-indexes.test.ts (index with method, opclass, expression)
-- kind: extensions
-- @before
CREATE TABLE public.articles (
  id integer PRIMARY KEY,
  title text NOT NULL,
  meta jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX articles_title_idx ON public.articles (title);
-- @after
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE public.articles (
  id integer PRIMARY KEY,
  title text NOT NULL,
  meta jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX articles_title_idx ON public.articles USING gin (title gin_trgm_ops);
CREATE INDEX articles_meta_idx ON public.articles USING gin (meta jsonb_path_ops);
CREATE INDEX articles_title_lower_idx ON public.articles (lower(title) text_pattern_ops);
