INSERT INTO public.tasks SELECT g, CASE WHEN g % 2 = 0 THEN 'done' ELSE 'open' END::task_state FROM generate_series(1, 2000) AS g;
