-- source: pg-schema-diff domain_cases_test.go "Alter domain constraint" / "Add domain"
-- kind: domains
-- @before
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE DOMAIN email_addr AS text;
CREATE TABLE subscribers (
    id integer PRIMARY KEY,
    email email_addr,
    seats positive_int
);
-- @after
CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1
    CONSTRAINT positive_int_check CHECK (VALUE > 0)
    CONSTRAINT positive_int_max CHECK (VALUE <= 10000);
CREATE DOMAIN email_addr AS text COLLATE "C"
    CONSTRAINT email_has_at CHECK (VALUE ~ '@');
CREATE DOMAIN short_code AS varchar(8) CHECK (VALUE ~ '^[A-Z0-9]+$');
CREATE TABLE subscribers (
    id integer PRIMARY KEY,
    email email_addr,
    seats positive_int,
    promo short_code
);
-- @seed
INSERT INTO subscribers (id, email, seats) VALUES (1, 'x@example.com', 3), (2, 'y@example.com', 10);
