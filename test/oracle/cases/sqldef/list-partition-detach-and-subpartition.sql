-- source: sqldef/sqldef cmd/psqldef/tests_partition.yml (PARTITION BY LIST, add/remove partitions)
-- kind: partitions
-- @before
CREATE TABLE public.tenant_events (
  tenant text NOT NULL,
  id bigint NOT NULL,
  happened_at timestamptz NOT NULL,
  payload jsonb,
  PRIMARY KEY (tenant, id, happened_at)
) PARTITION BY LIST (tenant);
CREATE TABLE public.tenant_events_acme PARTITION OF public.tenant_events FOR VALUES IN ('acme');
CREATE TABLE public.tenant_events_globex PARTITION OF public.tenant_events FOR VALUES IN ('globex', 'globex-eu');
-- @after
CREATE TABLE public.tenant_events (
  tenant text NOT NULL,
  id bigint NOT NULL,
  happened_at timestamptz NOT NULL,
  payload jsonb,
  PRIMARY KEY (tenant, id, happened_at)
) PARTITION BY LIST (tenant);
CREATE TABLE public.tenant_events_acme PARTITION OF public.tenant_events FOR VALUES IN ('acme');
CREATE TABLE public.tenant_events_globex (
  tenant text NOT NULL,
  id bigint NOT NULL,
  happened_at timestamptz NOT NULL,
  payload jsonb,
  PRIMARY KEY (tenant, id, happened_at)
);
CREATE TABLE public.tenant_events_initech PARTITION OF public.tenant_events FOR VALUES IN ('initech')
  PARTITION BY RANGE (happened_at);
CREATE TABLE public.tenant_events_initech_2024 PARTITION OF public.tenant_events_initech
  FOR VALUES FROM ('2024-01-01 00:00+00') TO ('2025-01-01 00:00+00');
CREATE INDEX tenant_events_happened_idx ON public.tenant_events (happened_at);
-- @seed
INSERT INTO public.tenant_events (tenant, id, happened_at) VALUES ('acme', 1, '2024-02-01 00:00+00');
INSERT INTO public.tenant_events_globex (tenant, id, happened_at, payload) VALUES ('globex', 2, '2024-03-01 00:00+00', '{"k":1}');
