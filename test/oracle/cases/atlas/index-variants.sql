-- source: ariga/atlas internal/integration/testdata/postgres/index-partial.txt, index-include.txtar, index-desc.txt, index-nulls-distinct.txt
-- kind: indexes
-- @before
CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  org_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX users_email_idx ON public.users (email);
CREATE INDEX users_created_idx ON public.users (created_at);
-- @after
CREATE TABLE public.users (
  id bigint PRIMARY KEY,
  email text NOT NULL,
  org_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX users_email_idx ON public.users (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX users_created_idx ON public.users (created_at DESC NULLS LAST) INCLUDE (email);
CREATE UNIQUE INDEX users_org_email_key ON public.users (org_id, email) NULLS NOT DISTINCT;
CREATE INDEX users_created_brin ON public.users USING brin (created_at) WITH (pages_per_range = 32);
