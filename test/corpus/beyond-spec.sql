-- Catalog features the YAML spec cannot express yet: `schema pull` warns about each (and does not
-- manage it). Loaded after every-kind.sql and spec-extras.sql.
CREATE UNLOGGED TABLE public.scratch (id integer PRIMARY KEY, body text);
CREATE TABLE public.base_items (id integer NOT NULL, label text);
CREATE TABLE public.special_items (extra text) INHERITS (public.base_items);
GRANT SELECT (id, label) ON public.base_items TO authenticated;
ALTER TABLE public.base_items SET (fillfactor = 70);
