INSERT INTO public.items (name, legacy) SELECT 'item ' || g, 'old ' || g FROM generate_series(1, 1500) AS g;
