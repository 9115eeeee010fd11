-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-policy.test.ts (add policy, alter roles, enableRLS)
-- kind: policies
-- @before
CREATE TABLE public.notes (
  id integer PRIMARY KEY,
  owner text NOT NULL,
  content text
);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner ON public.notes AS PERMISSIVE FOR ALL TO public USING (owner = current_user);
CREATE POLICY notes_legacy ON public.notes FOR SELECT TO anon USING (false);
-- @after
CREATE TABLE public.notes (
  id integer PRIMARY KEY,
  owner text NOT NULL,
  content text
);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY notes_owner ON public.notes AS PERMISSIVE FOR ALL TO authenticated, app_writer
  USING (owner = current_user) WITH CHECK (owner = current_user);
CREATE POLICY notes_admin ON public.notes AS PERMISSIVE FOR ALL TO service_role USING (true) WITH CHECK (true);
