-- source: ariga/atlas internal/integration/testdata/postgres/table-checks.txt
-- kind: constraints
-- @before
CREATE TABLE public.bookings (
  id integer PRIMARY KEY,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  guests integer NOT NULL,
  CONSTRAINT bookings_guests_positive CHECK (guests > 0)
);
-- @after
CREATE TABLE public.bookings (
  id integer PRIMARY KEY,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  guests integer NOT NULL,
  CONSTRAINT bookings_guests_positive CHECK (guests > 0 AND guests <= 12),
  CONSTRAINT bookings_range_valid CHECK (ends_on > starts_on),
  CONSTRAINT bookings_not_too_long CHECK (ends_on - starts_on <= 60) NOT VALID
);
-- @seed
INSERT INTO public.bookings (id, starts_on, ends_on, guests) VALUES (1, '2024-05-01', '2024-05-04', 2), (2, '2024-06-10', '2024-06-11', 4);
