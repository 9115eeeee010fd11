-- source: pg-schema-diff table_cases_test.go "Create table" / "Drop table" / "Alter replica identity" / "Set unlogged"
-- kind: tables
-- @before
CREATE TABLE old_cache (key text PRIMARY KEY, val bytea);
CREATE TABLE jobs_queue (
    id bigserial PRIMARY KEY,
    payload jsonb NOT NULL,
    enqueued_at timestamptz NOT NULL DEFAULT now()
);
-- @after
CREATE UNLOGGED TABLE jobs_queue (
    id bigserial PRIMARY KEY,
    payload jsonb NOT NULL,
    enqueued_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE jobs_queue REPLICA IDENTITY FULL;
CREATE TABLE "Job Results" (
    job_id bigint PRIMARY KEY,
    "Outcome" text NOT NULL,
    finished_at timestamptz
);
CREATE UNIQUE INDEX job_results_outcome_idx ON "Job Results" ("Outcome", job_id);
ALTER TABLE "Job Results" REPLICA IDENTITY USING INDEX job_results_outcome_idx;
-- @seed
INSERT INTO jobs_queue (payload) VALUES ('{"task":"email"}'), ('{"task":"resize"}');
