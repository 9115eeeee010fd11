-- source: own smoke case
-- kind: privileges
-- @before
CREATE TABLE public.notes (id bigserial PRIMARY KEY, body text);
GRANT SELECT ON public.notes TO app_reader;
-- @after
CREATE TABLE public.notes (id bigserial PRIMARY KEY, body text, title text DEFAULT 'x');
GRANT SELECT ON public.notes TO app_reader WITH GRANT OPTION;
GRANT UPDATE (title) ON public.notes TO app_writer;
COMMENT ON COLUMN public.notes.title IS 'the title';
-- @seed
INSERT INTO public.notes (body) SELECT 'b' || g FROM generate_series(1, 100) g;
