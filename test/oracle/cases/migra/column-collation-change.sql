-- source: migra tests/FIXTURES/collations
-- kind: columns
-- @before
CREATE TABLE tags (
    id integer PRIMARY KEY,
    name text,
    slug text COLLATE "C"
);
-- @after
CREATE TABLE tags (
    id integer PRIMARY KEY,
    name text COLLATE "C",
    slug text COLLATE "POSIX"
);
-- @seed
INSERT INTO tags (id, name, slug) VALUES (1, 'Alpha', 'alpha'), (2, 'beta', 'beta');
