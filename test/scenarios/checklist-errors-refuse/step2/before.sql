INSERT INTO public.notes (user_id, body) SELECT gen_random_uuid(), 'note ' || g FROM generate_series(1, 2000) g;
