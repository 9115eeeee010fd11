-- source: pg-schema-diff sequence_cases_test.go "Alter sequence" / "Sequence owned by column"
-- kind: sequences
-- @before
CREATE TABLE foobar (id bigint PRIMARY KEY, ext_id bigint);
CREATE SEQUENCE foobar_ext_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;
ALTER TABLE foobar ALTER COLUMN ext_id SET DEFAULT nextval('foobar_ext_seq');
CREATE SEQUENCE unused_seq AS smallint;
-- @after
CREATE TABLE foobar (id bigint PRIMARY KEY, ext_id bigint);
CREATE SEQUENCE foobar_ext_seq AS integer INCREMENT BY 5 MINVALUE 100 MAXVALUE 2000000000 START WITH 100 CACHE 20 CYCLE OWNED BY foobar.ext_id;
ALTER TABLE foobar ALTER COLUMN ext_id SET DEFAULT nextval('foobar_ext_seq');
CREATE SEQUENCE descending_seq INCREMENT BY -1 MINVALUE -1000 MAXVALUE -1 START WITH -1;
-- @seed
INSERT INTO foobar (id, ext_id) VALUES (1, 150), (2, 155);
