-- source: pgschema testdata/diff/privilege/grant_with_grant_option and revoke_grant_option
-- kind: privileges
-- @before
CREATE TABLE catalog_items (id integer PRIMARY KEY, name text);
GRANT SELECT ON catalog_items TO app_reader WITH GRANT OPTION;
GRANT SELECT, INSERT ON catalog_items TO app_writer;
-- @after
CREATE TABLE catalog_items (id integer PRIMARY KEY, name text);
GRANT SELECT ON catalog_items TO app_reader;
GRANT SELECT, INSERT ON catalog_items TO app_writer WITH GRANT OPTION;
GRANT UPDATE ON catalog_items TO app_writer;
