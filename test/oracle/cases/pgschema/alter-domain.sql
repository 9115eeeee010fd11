-- source: pgschema testdata/diff/create_domain/alter_domain and change_domain
-- kind: domains
-- @before
CREATE DOMAIN us_zip AS text CONSTRAINT us_zip_format CHECK (VALUE ~ '^\d{5}$');
CREATE DOMAIN pct AS numeric(5,2) DEFAULT 0;
CREATE TABLE shipments (id integer PRIMARY KEY, zip us_zip, discount pct);
-- @after
CREATE DOMAIN us_zip AS text NOT NULL CONSTRAINT us_zip_format CHECK (VALUE ~ '^\d{5}(-\d{4})?$');
CREATE DOMAIN pct AS numeric(5,2) DEFAULT 5 CONSTRAINT pct_range CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE shipments (id integer PRIMARY KEY, zip us_zip, discount pct);
COMMENT ON DOMAIN us_zip IS 'US ZIP or ZIP+4';
-- @seed
INSERT INTO shipments (id, zip, discount) VALUES (1, '12345', 10), (2, '90210', 0);
