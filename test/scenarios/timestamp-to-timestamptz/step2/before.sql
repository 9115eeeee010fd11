INSERT INTO public.events SELECT g, timestamp '2024-01-01 12:00:00' + g * interval '1 minute' FROM generate_series(1, 2000) AS g;
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'America/New_York'); END $$;
