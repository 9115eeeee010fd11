-- source: pgschema testdata/diff/create_table (WITH storage parameters: fillfactor, autovacuum)
-- kind: storage-params
-- @before
CREATE TABLE hot_rows (id integer PRIMARY KEY, counter integer NOT NULL DEFAULT 0)
    WITH (fillfactor = 90);
CREATE TABLE big_log (id bigint PRIMARY KEY, msg text);
-- @after
CREATE TABLE hot_rows (id integer PRIMARY KEY, counter integer NOT NULL DEFAULT 0)
    WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_threshold = 500);
CREATE TABLE big_log (id bigint PRIMARY KEY, msg text)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false, parallel_workers = 4);
ALTER TABLE big_log ALTER COLUMN msg SET STORAGE EXTERNAL;
ALTER TABLE big_log ALTER COLUMN msg SET STATISTICS 500;
-- @seed
INSERT INTO hot_rows (id, counter) VALUES (1, 0), (2, 10);
INSERT INTO big_log (id, msg) VALUES (1, 'boot');
