-- source: ariga/atlas internal/integration/testdata/postgres/column-domain.txtar
-- kind: domains
-- @before
CREATE TABLE public.contacts (
  id integer PRIMARY KEY,
  email text NOT NULL,
  zip text
);
-- @after
CREATE DOMAIN public.email_address AS text
  CONSTRAINT email_has_at CHECK (VALUE LIKE '%_@_%');
CREATE DOMAIN public.us_zip AS varchar(10)
  DEFAULT '00000'
  CONSTRAINT us_zip_format CHECK (VALUE ~ '^[0-9]{5}(-[0-9]{4})?$');
CREATE TABLE public.contacts (
  id integer PRIMARY KEY,
  email public.email_address NOT NULL,
  zip public.us_zip
);
-- @seed
INSERT INTO public.contacts (id, email, zip) VALUES (1, 'ada@example.com', '94107'), (2, 'bob@example.org', NULL);
