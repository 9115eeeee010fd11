-- source: supabase/pg-delta tests/integration/rls-operations.test.ts (policy kind change)
-- kind: policies
-- @before
CREATE TABLE public.documents (
  id bigint PRIMARY KEY,
  tenant_id integer NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  body text
);
ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_tenant ON public.documents AS PERMISSIVE FOR ALL TO authenticated
  USING (tenant_id = current_setting('app.tenant_id', true)::integer);
CREATE POLICY documents_not_archived ON public.documents AS PERMISSIVE FOR SELECT TO authenticated
  USING (NOT archived);
-- @after
CREATE TABLE public.documents (
  id bigint PRIMARY KEY,
  tenant_id integer NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  body text
);
ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_tenant ON public.documents AS PERMISSIVE FOR ALL TO authenticated
  USING (tenant_id = current_setting('app.tenant_id', true)::integer);
CREATE POLICY documents_not_archived ON public.documents AS RESTRICTIVE FOR SELECT TO authenticated, anon
  USING (NOT archived);
