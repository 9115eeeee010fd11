-- source: pg-schema-diff materialized_view_cases_test.go / materialized_view_index_cases_test.go
-- kind: views
-- @before
CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric(10,2), sold_on date);
CREATE MATERIALIZED VIEW sales_by_region AS
    SELECT region, sum(amount) AS total FROM sales GROUP BY region;
-- @after
CREATE TABLE sales (id integer PRIMARY KEY, region text, amount numeric(10,2), sold_on date);
CREATE MATERIALIZED VIEW sales_by_region AS
    SELECT region, date_trunc('month', sold_on)::date AS month, sum(amount) AS total, count(*) AS n
    FROM sales GROUP BY region, date_trunc('month', sold_on)::date
    WITH NO DATA;
CREATE UNIQUE INDEX sales_by_region_key ON sales_by_region (region, month);
CREATE VIEW big_regions WITH (security_barrier = true) AS
    SELECT region FROM sales GROUP BY region HAVING sum(amount) > 1000;
-- @seed
INSERT INTO sales (id, region, amount, sold_on) VALUES (1, 'north', 500, '2024-03-01'), (2, 'south', 1500, '2024-03-05');
