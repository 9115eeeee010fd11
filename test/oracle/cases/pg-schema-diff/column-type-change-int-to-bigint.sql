-- source: pg-schema-diff column_cases_test.go "Alter column type" / "Change column type with using"
-- kind: columns
-- @before
CREATE TABLE foobar (
    id integer PRIMARY KEY,
    amount integer NOT NULL,
    code varchar(10),
    note text,
    flag text
);
-- @after
CREATE TABLE foobar (
    id bigint PRIMARY KEY,
    amount numeric(14,2) NOT NULL,
    code varchar(64),
    note varchar(255),
    flag boolean
);
-- @seed
INSERT INTO foobar (id, amount, code, note, flag) VALUES (1, 100, 'ab', 'short note', 'true'), (2, 7, NULL, NULL, 'false');
