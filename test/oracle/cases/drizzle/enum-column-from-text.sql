-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-enums.test.ts (change column type text -> enum)
-- kind: columns
-- @before
CREATE TYPE public.plan AS ENUM ('free', 'pro', 'team');
CREATE TABLE public.orgs (
  id integer PRIMARY KEY,
  plan text NOT NULL DEFAULT 'free'
);
-- @after
CREATE TYPE public.plan AS ENUM ('free', 'pro', 'team');
CREATE TABLE public.orgs (
  id integer PRIMARY KEY,
  plan public.plan NOT NULL DEFAULT 'free'
);
-- @seed
INSERT INTO public.orgs (id, plan) VALUES (1, 'free'), (2, 'team');
