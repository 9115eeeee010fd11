DELETE FROM public.tasks WHERE id = 999999;
