-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-enums.test.ts (create enum and add column using it)
-- kind: enums
-- @before
CREATE TABLE public.tasks (
  id serial PRIMARY KEY,
  title text NOT NULL
);
-- @after
CREATE SCHEMA work;
CREATE TYPE work.priority AS ENUM ('low', 'medium', 'high');
CREATE TYPE public.task_state AS ENUM ('todo', 'doing', 'done');
CREATE TABLE public.tasks (
  id serial PRIMARY KEY,
  title text NOT NULL,
  state public.task_state NOT NULL DEFAULT 'todo',
  priority work.priority
);
-- @seed
INSERT INTO public.tasks (title) VALUES ('one'), ('two');
