-- source: pg-schema-diff partitioned_index_cases_test.go "Add partitioned index" / local_partition_index_cases_test.go
-- kind: partitions
-- @before
CREATE TABLE foobar (
    id integer NOT NULL,
    foo varchar(255) NOT NULL,
    bar text
) PARTITION BY LIST (foo);
CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('foo_1');
CREATE TABLE foobar_2 PARTITION OF foobar FOR VALUES IN ('foo_2');
CREATE INDEX foobar_1_bar_local ON foobar_1 (bar);
-- @after
CREATE TABLE foobar (
    id integer NOT NULL,
    foo varchar(255) NOT NULL,
    bar text,
    PRIMARY KEY (foo, id)
) PARTITION BY LIST (foo);
CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('foo_1');
CREATE TABLE foobar_2 PARTITION OF foobar FOR VALUES IN ('foo_2');
CREATE TABLE foobar_default PARTITION OF foobar DEFAULT;
CREATE INDEX foobar_bar_idx ON foobar (bar);
CREATE UNIQUE INDEX foobar_foo_bar_key ON foobar (foo, bar);
CREATE INDEX foobar_2_local_id ON foobar_2 (id) WHERE bar IS NOT NULL;
-- @seed
INSERT INTO foobar (id, foo, bar) VALUES (1, 'foo_1', 'x'), (2, 'foo_2', 'y'), (3, 'foo_2', NULL);
