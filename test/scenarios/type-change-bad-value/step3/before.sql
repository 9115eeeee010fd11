UPDATE public.codes SET code = '1000' WHERE code = '12a';
