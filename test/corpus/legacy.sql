-- A legacy database that breaks the checklist: timestamp columns, serial keys, no ON DELETE, no RLS.
CREATE TABLE public.users (
  id serial PRIMARY KEY,
  email varchar(255) NOT NULL,
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at timestamp without time zone,
  last_seen timestamp(3)
);
CREATE UNIQUE INDEX users_email_key_idx ON public.users (email);
CREATE TABLE public.orders (
  id serial PRIMARY KEY,
  user_id integer REFERENCES public.users (id),
  placed_at timestamp DEFAULT now(),
  amount money,
  meta json DEFAULT '{"a":1}'
);
CREATE INDEX ON public.orders (user_id, placed_at);
