-- source: ariga/atlas internal/integration/testdata/postgres/column-enum-array.txt
-- kind: enums
-- @before
CREATE SCHEMA catalog;
CREATE TABLE catalog.articles (
  id integer PRIMARY KEY,
  title text NOT NULL
);
-- @after
CREATE SCHEMA catalog;
CREATE TYPE catalog.tag AS ENUM ('news', 'howto', 'opinion');
CREATE TABLE catalog.articles (
  id integer PRIMARY KEY,
  title text NOT NULL,
  tags catalog.tag[] NOT NULL DEFAULT '{}'::catalog.tag[]
);
-- @seed
INSERT INTO catalog.articles (id, title) VALUES (1, 'Intro'), (2, 'Deep dive');
