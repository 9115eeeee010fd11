INSERT INTO public.accounts SELECT g FROM generate_series(1, 100) AS g;
INSERT INTO public.events SELECT g, 1 + g % 100, g FROM generate_series(1, 2000) AS g;
-- Old rows that break the rules to come: a dangling account and a non-positive amount.
INSERT INTO public.events VALUES (900001, 777777, 5), (900002, 1, 0);
