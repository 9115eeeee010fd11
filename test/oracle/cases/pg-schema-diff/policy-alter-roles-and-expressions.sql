-- source: pg-schema-diff policy_cases_test.go "Alter policy roles" / "Alter policy using and check"
-- kind: policies
-- @before
CREATE TABLE documents (
    id integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    author text NOT NULL,
    published boolean NOT NULL DEFAULT false
);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY doc_select ON documents FOR SELECT TO PUBLIC USING (published);
CREATE POLICY doc_update ON documents FOR UPDATE TO authenticated USING (author = current_user);
CREATE POLICY doc_old ON documents FOR DELETE TO app_owner USING (true);
-- @after
CREATE TABLE documents (
    id integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    author text NOT NULL,
    published boolean NOT NULL DEFAULT false
);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY doc_select ON documents FOR SELECT TO anon, authenticated
    USING (published OR author = current_user);
CREATE POLICY doc_update ON documents FOR UPDATE TO authenticated
    USING (author = current_user)
    WITH CHECK (author = current_user AND tenant_id > 0);
CREATE POLICY doc_tenant ON documents AS RESTRICTIVE FOR ALL TO authenticated
    USING (tenant_id = coalesce(nullif(current_setting('app.tenant_id', true), ''), '0')::integer);
-- @seed
INSERT INTO documents (id, tenant_id, author, published) VALUES (1, 1, 'alice', true), (2, 2, 'bob', false);
