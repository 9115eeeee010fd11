-- source: pg-schema-diff partitioned_table_cases_test.go "Create partitioned table" (hash strategy)
-- kind: partitions
-- @before
CREATE TABLE sessions (
    id bigint NOT NULL,
    user_id integer NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now()
);
-- @after
CREATE TABLE sessions (
    id bigint NOT NULL,
    user_id integer NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, id)
) PARTITION BY HASH (user_id);
CREATE TABLE sessions_p0 PARTITION OF sessions FOR VALUES WITH (MODULUS 4, REMAINDER 0);
CREATE TABLE sessions_p1 PARTITION OF sessions FOR VALUES WITH (MODULUS 4, REMAINDER 1);
CREATE TABLE sessions_p2 PARTITION OF sessions FOR VALUES WITH (MODULUS 4, REMAINDER 2);
CREATE TABLE sessions_p3 PARTITION OF sessions FOR VALUES WITH (MODULUS 4, REMAINDER 3);
