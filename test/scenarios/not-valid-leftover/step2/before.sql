INSERT INTO public.lists SELECT g, 'list ' || g FROM generate_series(1, 50) AS g;
INSERT INTO public.tasks SELECT g, 1 + g % 50 FROM generate_series(1, 2000) AS g;
-- What a failed VALIDATE leaves behind: the constraint NOT VALID, and a row that breaks it.
ALTER TABLE public.tasks DROP CONSTRAINT tasks_list_id_fkey;
INSERT INTO public.tasks VALUES (999999, 777);
ALTER TABLE public.tasks ADD CONSTRAINT tasks_list_id_fkey FOREIGN KEY (list_id) REFERENCES public.lists (id) ON DELETE CASCADE NOT VALID;
