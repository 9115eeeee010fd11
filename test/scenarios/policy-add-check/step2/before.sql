INSERT INTO public.docs (owner, body) SELECT gen_random_uuid(), 'doc ' || g FROM generate_series(1, 1000) AS g;
