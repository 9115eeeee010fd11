-- source: sqldef/sqldef cmd/psqldef/tests_tables.yml (CREATE TABLE ... WITH (storage parameters))
-- kind: storage-params
-- @before
CREATE TABLE public.sessions (
  id uuid PRIMARY KEY,
  last_seen timestamptz NOT NULL,
  data jsonb
) WITH (fillfactor = 100);
CREATE INDEX sessions_last_seen_idx ON public.sessions (last_seen);
-- @after
CREATE TABLE public.sessions (
  id uuid PRIMARY KEY,
  last_seen timestamptz NOT NULL,
  data jsonb
) WITH (fillfactor = 70, autovacuum_enabled = false, autovacuum_vacuum_scale_factor = 0.05, toast.autovacuum_enabled = false);
CREATE INDEX sessions_last_seen_idx ON public.sessions (last_seen) WITH (fillfactor = 80);
-- @seed
INSERT INTO public.sessions (id, last_seen, data) VALUES
  ('0b7f4c2e-1d2a-4e5b-8c9d-0e1f2a3b4c5d', '2024-01-01 00:00+00', '{"ua":"firefox"}'),
  ('1c8f5d3f-2e3b-4f6c-9dae-1f203b4c5d6e', '2024-01-02 00:00+00', NULL);
