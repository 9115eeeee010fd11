-- source: supabase/pg-delta tests/integration/rls-operations.test.ts (per-command policies)
-- kind: policies
-- @before
CREATE TABLE public.comments (
  id bigserial PRIMARY KEY,
  author text NOT NULL,
  body text NOT NULL,
  published boolean NOT NULL DEFAULT false
);
ALTER TABLE public.comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY comments_select ON public.comments FOR SELECT TO anon, authenticated USING (published);
-- @after
CREATE TABLE public.comments (
  id bigserial PRIMARY KEY,
  author text NOT NULL,
  body text NOT NULL,
  published boolean NOT NULL DEFAULT false
);
ALTER TABLE public.comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY comments_select ON public.comments FOR SELECT TO anon, authenticated USING (published OR author = current_user);
CREATE POLICY comments_insert ON public.comments FOR INSERT TO authenticated WITH CHECK (author = current_user);
CREATE POLICY comments_update ON public.comments FOR UPDATE TO authenticated USING (author = current_user) WITH CHECK (author = current_user);
CREATE POLICY comments_delete ON public.comments FOR DELETE TO service_role USING (true);
