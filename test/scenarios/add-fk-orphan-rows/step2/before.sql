INSERT INTO public.lists (id, name) SELECT g, 'list ' || g FROM generate_series(1, 3000) AS g;
INSERT INTO public.tasks (list_id, title) SELECT 3001 - (g % 3000), 'task ' || g FROM generate_series(1, 1500) AS g;
INSERT INTO public.tasks (list_id, title) VALUES (99999, 'orphan');
