-- source: ariga/atlas internal/integration/testdata/postgres/column-serial.txt
-- kind: sequences
-- @before
CREATE TABLE public.events (
  id serial PRIMARY KEY,
  seq_no smallserial,
  name text NOT NULL
);
-- @after
CREATE TABLE public.events (
  id bigserial PRIMARY KEY,
  seq_no integer,
  name text NOT NULL
);
-- @seed
INSERT INTO public.events (name) VALUES ('boot'), ('login');
