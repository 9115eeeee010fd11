INSERT INTO public.people SELECT g, 'person ' || g FROM generate_series(1, 2000) AS g;
