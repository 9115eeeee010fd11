-- source: drizzle-team/drizzle-orm drizzle-kit/tests/postgres/pg-columns.test.ts (alter column type, set/drop default, set not null)
-- kind: columns
-- @before
CREATE TABLE public.metrics (
  id integer PRIMARY KEY,
  code varchar(20) NOT NULL,
  value integer,
  ratio real DEFAULT 0.5,
  label varchar(50),
  recorded_at timestamp
);
-- @after
CREATE TABLE public.metrics (
  id bigint PRIMARY KEY,
  code integer NOT NULL,
  value numeric(14,4) NOT NULL DEFAULT 0,
  ratio double precision,
  label text DEFAULT 'n/a',
  recorded_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL DEFAULT 'import'
);
-- @seed
INSERT INTO public.metrics (id, code, value, ratio, label, recorded_at) VALUES
  (1, '42', 7, 0.25, 'cpu', '2024-01-01 12:00'),
  (2, '1001', 3, NULL, NULL, '2024-01-02 08:30');
