INSERT INTO public.teams SELECT g, 'team ' || g FROM generate_series(1, 100) AS g;
INSERT INTO public.members SELECT g, 1 + g % 100 FROM generate_series(1, 3000) AS g;
CREATE SCHEMA scratch; CREATE TABLE scratch.kept_relfilenode AS SELECT relfilenode FROM pg_class WHERE oid = 'public.teams'::regclass;
