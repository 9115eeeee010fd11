DELETE FROM public.tasks WHERE list_id = 99999;
