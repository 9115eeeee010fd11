INSERT INTO public.sessions (game_settings, updated_at)
SELECT CASE WHEN g % 10 = 0 THEN jsonb_build_object('difficulty', 'hard', 'colour', 'blue', 'sound', false)
            ELSE jsonb_build_object('difficulty', 'easy', 'colour', 'red') END,
       timestamptz '2020-01-01 00:00:00+00'
  FROM generate_series(1, 3000) AS g;
