-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/ext.test.ts (extension-provided column types and defaults)
-- kind: extensions
-- @before
CREATE TABLE public.members (
  id integer PRIMARY KEY,
  email text NOT NULL UNIQUE
);
-- @after
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE public.members (
  id integer PRIMARY KEY,
  email citext NOT NULL UNIQUE,
  api_key uuid NOT NULL DEFAULT gen_random_uuid()
);
-- @seed
INSERT INTO public.members (id, email) VALUES (1, 'Ada@Example.com'), (2, 'bob@example.com');
