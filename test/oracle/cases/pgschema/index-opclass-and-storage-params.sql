-- source: pgschema testdata/diff/create_index (opclasses, index WITH options, unique index changes)
-- kind: indexes
-- @before
CREATE EXTENSION pg_trgm;
CREATE TABLE articles (id integer PRIMARY KEY, title text, slug text, body text);
CREATE INDEX articles_title_idx ON articles (title);
CREATE UNIQUE INDEX articles_slug_key ON articles (slug);
-- @after
CREATE EXTENSION pg_trgm;
CREATE TABLE articles (id integer PRIMARY KEY, title text, slug text, body text);
CREATE INDEX articles_title_idx ON articles USING gin (title gin_trgm_ops) WITH (fastupdate = off);
CREATE UNIQUE INDEX articles_slug_key ON articles (slug) NULLS NOT DISTINCT WITH (fillfactor = 80);
CREATE INDEX articles_body_gist ON articles USING gist (body gist_trgm_ops);
CREATE INDEX articles_title_hash ON articles USING hash (title);
-- @seed
INSERT INTO articles (id, title, slug, body) VALUES (1, 'Postgres tips', 'pg-tips', 'lorem'), (2, 'Indexing', 'indexing', NULL);
