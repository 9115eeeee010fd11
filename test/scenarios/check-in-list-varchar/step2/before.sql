INSERT INTO public.plans SELECT g, CASE WHEN g % 3 = 0 THEN 'plus' ELSE 'free' END FROM generate_series(1, 2000) AS g;
