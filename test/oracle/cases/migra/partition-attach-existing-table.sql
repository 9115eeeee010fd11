-- source: migra tests/FIXTURES/partitioning (measurement_y2006m03 becomes a partition)
-- kind: partitions
-- @before
CREATE TABLE measurement (
    city_id   integer NOT NULL,
    logdate   date NOT NULL,
    peaktemp  integer,
    unitsales integer
) PARTITION BY RANGE (logdate);

CREATE TABLE measurement_2024_01 PARTITION OF measurement
    FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');

CREATE TABLE measurement_2024_02 (
    city_id   integer NOT NULL,
    logdate   date NOT NULL,
    peaktemp  integer,
    unitsales integer
);
-- @after
CREATE TABLE measurement (
    city_id   integer NOT NULL,
    logdate   date NOT NULL,
    peaktemp  integer,
    unitsales integer
) PARTITION BY RANGE (logdate);

CREATE TABLE measurement_2024_01 PARTITION OF measurement
    FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');

CREATE TABLE measurement_2024_02 (
    city_id   integer NOT NULL,
    logdate   date NOT NULL,
    peaktemp  integer,
    unitsales integer
);
ALTER TABLE measurement ATTACH PARTITION measurement_2024_02
    FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
-- @seed
INSERT INTO measurement (city_id, logdate, peaktemp, unitsales) VALUES (1, '2024-01-15', 12, 40);
INSERT INTO measurement_2024_02 (city_id, logdate, peaktemp, unitsales) VALUES (1, '2024-02-03', 9, 31), (2, '2024-02-20', 14, 55);
