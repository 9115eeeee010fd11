-- source: pg-schema-diff index_cases_test.go "Add partial index" / "Add index with include" / "Change index columns"
-- kind: indexes
-- @before
CREATE TABLE foobar (
    id integer PRIMARY KEY,
    email text,
    status text,
    created_at timestamptz,
    payload jsonb
);
CREATE INDEX foobar_email_idx ON foobar (email);
CREATE INDEX foobar_status_idx ON foobar (status);
-- @after
CREATE TABLE foobar (
    id integer PRIMARY KEY,
    email text,
    status text,
    created_at timestamptz,
    payload jsonb
);
CREATE UNIQUE INDEX foobar_email_idx ON foobar (lower(email));
CREATE INDEX foobar_status_idx ON foobar (status, created_at DESC NULLS LAST) INCLUDE (id) WHERE status <> 'archived';
CREATE INDEX foobar_payload_idx ON foobar USING gin (payload jsonb_path_ops);
CREATE INDEX foobar_created_brin ON foobar USING brin (created_at) WITH (pages_per_range = 32);
CREATE INDEX foobar_email_pattern ON foobar (email text_pattern_ops) WITH (fillfactor = 70);
-- @seed
INSERT INTO foobar (id, email, status, created_at, payload) VALUES (1, 'A@x.io', 'active', '2024-01-01', '{"k":1}'), (2, 'b@x.io', 'archived', '2024-02-01', NULL);
