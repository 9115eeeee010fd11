INSERT INTO public.orders SELECT g, g * 1.5 FROM generate_series(1, 2500) AS g;
