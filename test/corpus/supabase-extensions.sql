-- Supabase style: extensions live in the `extensions` schema; managed objects use them.
CREATE EXTENSION IF NOT EXISTS moddatetime SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS "uuid-ossp" SCHEMA extensions;
CREATE EXTENSION IF NOT EXISTS citext SCHEMA extensions;
CREATE TABLE public.documents (
  id uuid PRIMARY KEY DEFAULT extensions.uuid_generate_v4(),
  owner_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  email extensions.citext,
  title text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_title_trgm ON public.documents USING gin (title extensions.gin_trgm_ops);
CREATE TRIGGER documents_moddatetime BEFORE UPDATE ON public.documents
  FOR EACH ROW EXECUTE FUNCTION extensions.moddatetime(updated_at);
ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON public.documents TO authenticated USING (owner_id = auth.uid()) WITH CHECK (owner_id = auth.uid());
GRANT SELECT, INSERT, UPDATE, DELETE ON public.documents TO authenticated;
