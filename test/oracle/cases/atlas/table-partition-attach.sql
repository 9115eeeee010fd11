-- source: ariga/atlas internal/integration/testdata/postgres/table-partition.txt
-- kind: partitions
-- @before
CREATE TABLE public.measurement (
  city_id integer NOT NULL,
  logdate date NOT NULL,
  peaktemp integer,
  unitsales integer
) PARTITION BY RANGE (logdate);
CREATE TABLE public.measurement_2024 PARTITION OF public.measurement
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.measurement_2025 (
  city_id integer NOT NULL,
  logdate date NOT NULL,
  peaktemp integer,
  unitsales integer
);
-- @after
CREATE TABLE public.measurement (
  city_id integer NOT NULL,
  logdate date NOT NULL,
  peaktemp integer,
  unitsales integer
) PARTITION BY RANGE (logdate);
CREATE TABLE public.measurement_2024 PARTITION OF public.measurement
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.measurement_2025 PARTITION OF public.measurement
  FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE public.measurement_default PARTITION OF public.measurement DEFAULT;
CREATE INDEX measurement_city_idx ON public.measurement (city_id, logdate);
-- @seed
INSERT INTO public.measurement (city_id, logdate, peaktemp) VALUES (1, '2024-03-01', 21), (2, '2024-07-15', 30);
INSERT INTO public.measurement_2025 (city_id, logdate, unitsales) VALUES (1, '2025-02-02', 5);
