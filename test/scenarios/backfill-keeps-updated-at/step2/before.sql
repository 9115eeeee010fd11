INSERT INTO public.todos (title, updated_at)
SELECT 'todo ' || g, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, 2000) AS g;
