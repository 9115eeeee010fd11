-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-generated.test.ts (alter generated expression, drop generated)
-- kind: columns
-- @before
CREATE TABLE public.people (
  id integer PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED,
  search text
);
-- @after
CREATE TABLE public.people (
  id integer PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  full_name text GENERATED ALWAYS AS (last_name || ', ' || first_name) STORED,
  search tsvector GENERATED ALWAYS AS (to_tsvector('simple', first_name || ' ' || last_name)) STORED
);
-- @seed
INSERT INTO public.people (id, first_name, last_name) VALUES (1, 'Ada', 'Lovelace'), (2, 'Alan', 'Turing');
