-- source: sqldef/sqldef cmd/psqldef/tests_comments.yml (COMMENT ON TABLE/COLUMN add, change, remove)
-- kind: comments
-- @before
CREATE TABLE public.people (
  id integer PRIMARY KEY,
  first_name text,
  last_name text
);
COMMENT ON TABLE public.people IS 'People we know';
COMMENT ON COLUMN public.people.first_name IS 'Given name';
COMMENT ON COLUMN public.people.last_name IS 'Family name';
-- @after
CREATE TABLE public.people (
  id integer PRIMARY KEY,
  first_name text,
  last_name text
);
COMMENT ON TABLE public.people IS 'People we know (updated)';
COMMENT ON COLUMN public.people.id IS 'Surrogate key';
COMMENT ON COLUMN public.people.last_name IS 'Surname; may contain ''quotes''';
