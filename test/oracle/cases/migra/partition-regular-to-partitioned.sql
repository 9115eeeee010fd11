-- source: migra tests/FIXTURES/partitioning (reg2partitioned / partitioned2reg)
-- kind: partitions
-- @before
CREATE TABLE readings (
    sensor_id integer NOT NULL,
    taken_on  date NOT NULL,
    value     numeric(10,2)
);

CREATE TABLE archive_readings (
    sensor_id integer NOT NULL,
    taken_on  date NOT NULL,
    value     numeric(10,2)
) PARTITION BY RANGE (taken_on);
CREATE TABLE archive_readings_2023 PARTITION OF archive_readings
    FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
-- @after
CREATE TABLE readings (
    sensor_id integer NOT NULL,
    taken_on  date NOT NULL,
    value     numeric(10,2)
) PARTITION BY RANGE (taken_on);
CREATE TABLE readings_2024 PARTITION OF readings
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE archive_readings (
    sensor_id integer NOT NULL,
    taken_on  date NOT NULL,
    value     numeric(10,2)
);
