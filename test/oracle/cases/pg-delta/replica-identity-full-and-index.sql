-- source: supabase/pg-delta tests/integration/table-operations.test.ts (replica identity)
-- kind: tables
-- @before
CREATE TABLE public.subscriptions (
  id bigint PRIMARY KEY,
  user_ref text NOT NULL,
  plan text NOT NULL
);
CREATE TABLE public.seats (
  org_id bigint NOT NULL,
  seat_no integer NOT NULL,
  holder text
);
CREATE UNIQUE INDEX seats_org_seat_key ON public.seats (org_id, seat_no);
-- @after
CREATE TABLE public.subscriptions (
  id bigint PRIMARY KEY,
  user_ref text NOT NULL,
  plan text NOT NULL
);
ALTER TABLE public.subscriptions REPLICA IDENTITY FULL;
CREATE TABLE public.seats (
  org_id bigint NOT NULL,
  seat_no integer NOT NULL,
  holder text
);
CREATE UNIQUE INDEX seats_org_seat_key ON public.seats (org_id, seat_no);
ALTER TABLE public.seats REPLICA IDENTITY USING INDEX seats_org_seat_key;
-- @seed
INSERT INTO public.subscriptions (id, user_ref, plan) VALUES (1, 'u1', 'pro');
INSERT INTO public.seats (org_id, seat_no, holder) VALUES (1, 1, 'ada'), (1, 2, NULL);
