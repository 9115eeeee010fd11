-- source: migra tests/FIXTURES/comments
-- kind: comments
-- @before
CREATE SCHEMA reporting;
CREATE TABLE reporting.metrics (id integer PRIMARY KEY, val numeric);
CREATE VIEW reporting.metrics_v AS SELECT id, val FROM reporting.metrics;
CREATE FUNCTION reporting.double_it(n numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT n * 2 $$;
CREATE SEQUENCE reporting.metric_seq;
CREATE TYPE reporting.level AS ENUM ('low', 'high');
COMMENT ON TABLE reporting.metrics IS 'raw metrics';
COMMENT ON COLUMN reporting.metrics.val IS 'measured value';
-- @after
CREATE SCHEMA reporting;
CREATE TABLE reporting.metrics (id integer PRIMARY KEY, val numeric);
CREATE VIEW reporting.metrics_v AS SELECT id, val FROM reporting.metrics;
CREATE FUNCTION reporting.double_it(n numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT n * 2 $$;
CREATE SEQUENCE reporting.metric_seq;
CREATE TYPE reporting.level AS ENUM ('low', 'high');
COMMENT ON SCHEMA reporting IS 'reporting objects';
COMMENT ON TABLE reporting.metrics IS 'raw metrics, one row per sample';
COMMENT ON COLUMN reporting.metrics.id IS 'sample id';
COMMENT ON VIEW reporting.metrics_v IS 'metrics for dashboards';
COMMENT ON FUNCTION reporting.double_it(numeric) IS 'multiplies by two';
COMMENT ON SEQUENCE reporting.metric_seq IS 'metric id source';
COMMENT ON TYPE reporting.level IS 'severity level';
COMMENT ON CONSTRAINT metrics_pkey ON reporting.metrics IS 'primary key';
COMMENT ON INDEX reporting.metrics_pkey IS 'pk index';
