INSERT INTO public.tickets SELECT g, (ARRAY['open', 'pending', 'closed'])[g % 3 + 1]::public.ticket_status FROM generate_series(1, 3000) AS g;
