-- source: pg-schema-diff foreign_key_constraint_cases_test.go "Alter FK on delete/on update" / "Deferrable FK"
-- kind: constraints
-- @before
CREATE TABLE authors (id integer PRIMARY KEY, email text UNIQUE);
CREATE TABLE books (
    id integer PRIMARY KEY,
    author_id integer REFERENCES authors (id),
    author_email text
);
-- @after
CREATE TABLE authors (id integer PRIMARY KEY, email text UNIQUE);
CREATE TABLE books (
    id integer PRIMARY KEY,
    author_id integer,
    author_email text,
    CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors (id)
        ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT books_author_email_fkey FOREIGN KEY (author_email) REFERENCES authors (email) 
        ON DELETE SET NULL ON UPDATE CASCADE NOT VALID
);
-- @seed
INSERT INTO authors (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com');
INSERT INTO books (id, author_id, author_email) VALUES (10, 1, 'a@example.com'), (11, 2, NULL);
