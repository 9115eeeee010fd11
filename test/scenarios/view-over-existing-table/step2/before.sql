INSERT INTO public.items SELECT g, g % 4 = 0 FROM generate_series(1, 2000) AS g;
