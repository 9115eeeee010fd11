-- source: migra tests/FIXTURES (rules are not diffed) / PostgreSQL CREATE RULE
-- kind: out-of-scope
-- @before
CREATE TABLE shoes (id integer PRIMARY KEY, name text, deleted boolean NOT NULL DEFAULT false);
-- @after
CREATE TABLE shoes (id integer PRIMARY KEY, name text, deleted boolean NOT NULL DEFAULT false);
CREATE RULE shoes_soft_delete AS ON DELETE TO shoes
    DO INSTEAD UPDATE shoes SET deleted = true WHERE id = OLD.id;
-- @seed
INSERT INTO shoes (id, name) VALUES (1, 'sneaker');
