INSERT INTO public.codes (code, note) SELECT g::text, 'n' || g FROM generate_series(1, 999) AS g;
INSERT INTO public.codes (code, note) VALUES ('12a', 'the one bad value');
