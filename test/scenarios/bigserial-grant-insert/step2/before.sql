INSERT INTO public.notifications (user_id, body) SELECT gen_random_uuid(), 'n' || g FROM generate_series(1, 1000) AS g;
