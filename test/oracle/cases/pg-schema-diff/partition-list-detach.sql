-- source: pg-schema-diff partitioned_table_cases_test.go "Drop partition" / "Partition becomes regular table"
-- kind: partitions
-- @before
CREATE TABLE events (
    id integer NOT NULL,
    region text NOT NULL,
    body text
) PARTITION BY LIST (region);
CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');
CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us', 'ca');
CREATE TABLE events_apac PARTITION OF events FOR VALUES IN ('apac');
-- @after
CREATE TABLE events (
    id integer NOT NULL,
    region text NOT NULL,
    body text
) PARTITION BY LIST (region);
CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');
CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us', 'ca');
CREATE TABLE events_apac (
    id integer NOT NULL,
    region text NOT NULL,
    body text
);
-- @seed
INSERT INTO events (id, region, body) VALUES (1, 'eu', 'a'), (2, 'us', 'b'), (3, 'ca', 'c');
INSERT INTO events_apac (id, region, body) VALUES (4, 'apac', 'd');
