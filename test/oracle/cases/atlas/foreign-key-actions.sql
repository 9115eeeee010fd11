-- source: ariga/atlas internal/integration/testdata/postgres/foreign-key-action.txt
-- kind: constraints
-- @before
CREATE TABLE public.authors (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.books (
  id integer PRIMARY KEY,
  author_id integer REFERENCES public.authors (id),
  editor_id integer,
  title text NOT NULL
);
-- @after
CREATE TABLE public.authors (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.books (
  id integer PRIMARY KEY,
  author_id integer REFERENCES public.authors (id) ON DELETE CASCADE ON UPDATE CASCADE,
  editor_id integer CONSTRAINT books_editor_fk REFERENCES public.authors (id) ON DELETE SET NULL,
  title text NOT NULL
);
-- @seed
INSERT INTO public.authors (id, name) VALUES (1, 'Le Guin'), (2, 'Pratchett');
INSERT INTO public.books (id, author_id, editor_id, title) VALUES (10, 1, 2, 'The Dispossessed'), (11, 2, NULL, 'Mort');
