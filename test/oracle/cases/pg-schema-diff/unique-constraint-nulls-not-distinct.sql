-- source: pg-schema-diff index_cases_test.go "Unique constraint to unique index" / table_cases_test.go
-- kind: constraints
-- @before
CREATE TABLE memberships (
    org_id integer NOT NULL,
    user_id integer NOT NULL,
    role text,
    CONSTRAINT memberships_org_user_key UNIQUE (org_id, user_id)
);
-- @after
CREATE TABLE memberships (
    org_id integer NOT NULL,
    user_id integer NOT NULL,
    role text,
    CONSTRAINT memberships_pkey PRIMARY KEY (org_id, user_id),
    CONSTRAINT memberships_org_role_key UNIQUE NULLS NOT DISTINCT (org_id, role) DEFERRABLE
);
-- @seed
INSERT INTO memberships (org_id, user_id, role) VALUES (1, 1, 'admin'), (1, 2, 'member'), (2, 1, NULL);
