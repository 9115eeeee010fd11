-- source: pg-schema-diff view_cases_test.go / view_privilege_cases_test.go
-- kind: views
-- @before
CREATE TABLE foobar (id integer PRIMARY KEY, foo text, secret text);
CREATE VIEW foobar_public AS SELECT id, foo FROM foobar;
GRANT SELECT ON foobar_public TO anon;
-- @after
CREATE TABLE foobar (id integer PRIMARY KEY, foo text, secret text);
CREATE VIEW foobar_public WITH (security_invoker = true) AS
    SELECT id, foo, upper(foo) AS foo_upper FROM foobar WHERE foo IS NOT NULL
    WITH CASCADED CHECK OPTION;
GRANT SELECT ON foobar_public TO anon, authenticated;
GRANT INSERT, UPDATE ON foobar_public TO authenticated;
-- @seed
INSERT INTO foobar (id, foo, secret) VALUES (1, 'a', 's1'), (2, NULL, 's2');
