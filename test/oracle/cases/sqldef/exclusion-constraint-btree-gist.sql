-- source: sqldef/sqldef cmd/psqldef/tests_constraints.yml (EXCLUDE USING gist)
-- kind: constraints
-- @before
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE public.room_reservations (
  id integer PRIMARY KEY,
  room_id integer NOT NULL,
  during tstzrange NOT NULL
);
-- @after
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE public.room_reservations (
  id integer PRIMARY KEY,
  room_id integer NOT NULL,
  during tstzrange NOT NULL,
  CONSTRAINT room_reservations_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&)
);
-- @seed
INSERT INTO public.room_reservations (id, room_id, during) VALUES
  (1, 1, '[2024-01-01 09:00+00,2024-01-01 10:00+00)'),
  (2, 1, '[2024-01-01 10:00+00,2024-01-01 11:00+00)'),
  (3, 2, '[2024-01-01 09:30+00,2024-01-01 10:30+00)');
