-- source: migra tests/FIXTURES/dependencies
-- kind: views
-- @before
CREATE TABLE basetable (id integer PRIMARY KEY, name varchar(50), score integer);
CREATE FUNCTION score_band(s integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN s > 50 THEN 'high' ELSE 'low' END $$;
CREATE VIEW aaa_view1 AS SELECT id, name, score_band(score) AS band FROM basetable;
CREATE VIEW bbb_view2 AS SELECT id, band FROM aaa_view1 WHERE band = 'high';
-- @after
CREATE TABLE basetable (id integer PRIMARY KEY, name text, score bigint);
CREATE FUNCTION score_band(s bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN s > 75 THEN 'high' ELSE 'low' END $$;
CREATE VIEW aaa_view1 AS SELECT id, name, score_band(score) AS band, score FROM basetable;
CREATE VIEW bbb_view2 AS SELECT id, band FROM aaa_view1 WHERE band = 'high';
-- @seed
INSERT INTO basetable (id, name, score) VALUES (1, 'a', 10), (2, 'b', 90);
