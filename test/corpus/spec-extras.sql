-- Constraint options and object settings the spec expresses beyond the basics. Loaded after every-kind.sql.
CREATE TABLE public.bookings (
  id integer PRIMARY KEY,
  invoice_id integer,
  during tstzrange NOT NULL,
  "Seat No" integer NOT NULL DEFAULT 1,
  lo integer,
  hi integer,
  cancelled boolean NOT NULL DEFAULT false,
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&),
  CONSTRAINT bookings_span_no_overlap EXCLUDE USING gist (int4range(lo, hi) WITH &&) INCLUDE ("Seat No") WHERE (NOT cancelled) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT bookings_invoice_fkey FOREIGN KEY (invoice_id) REFERENCES public.invoices (id) MATCH FULL ON DELETE CASCADE,
  CONSTRAINT bookings_id_positive CHECK (id > 0),
  CONSTRAINT bookings_lo_hi CHECK (lo <= hi) NO INHERIT
);
COMMENT ON CONSTRAINT bookings_id_positive ON public.bookings IS 'Positive ids';
COMMENT ON CONSTRAINT bookings_no_overlap ON public.bookings IS 'One booking at a time';
COMMENT ON CONSTRAINT bookings_invoice_fkey ON public.bookings IS 'Billed on';
CREATE UNIQUE INDEX event_counts_status_idx ON app.event_counts (status);

-- Deferrable keys, with comments.
CREATE TABLE public.seats (
  id integer,
  row_no integer NOT NULL,
  seat_no integer NOT NULL,
  CONSTRAINT seats_pkey PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT seats_place_key UNIQUE (row_no, seat_no) DEFERRABLE,
  CONSTRAINT seats_row_key UNIQUE (row_no, id) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON CONSTRAINT seats_pkey ON public.seats IS 'Seat id';
COMMENT ON CONSTRAINT seats_place_key ON public.seats IS 'One seat per place';
CREATE TABLE public.tickets (
  id integer CONSTRAINT tickets_pkey PRIMARY KEY DEFERRABLE,
  seat_id integer REFERENCES public.invoices (id) ON DELETE SET NULL,
  code text CONSTRAINT tickets_code_key UNIQUE DEFERRABLE
);
CREATE INDEX tickets_seat_ff ON public.tickets (seat_id) WITH (fillfactor = 70, deduplicate_items = off) WHERE seat_id IS NOT NULL;
CREATE INDEX tickets_code_c ON public.tickets (code COLLATE "C" DESC NULLS LAST, (lower(code)) COLLATE pg_catalog."POSIX");

-- A disabled trigger.
CREATE FUNCTION public.tickets_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tickets_stamp BEFORE INSERT ON public.tickets FOR EACH ROW EXECUTE FUNCTION public.tickets_stamp();
ALTER TABLE public.tickets DISABLE TRIGGER tickets_stamp;

-- Function settings other than search_path.
CREATE FUNCTION public.slow_report() RETURNS integer LANGUAGE sql STABLE
  SET statement_timeout = '5s' SET work_mem = '64MB' SET search_path = public, pg_temp SET app.tenant = 'a b''c'
  AS $$ SELECT 1 $$;

-- Planner attributes of functions.
CREATE FUNCTION public.safe_compare(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE
  AS $$ SELECT a = b $$;
CREATE FUNCTION public.costly_series(n integer) RETURNS SETOF integer LANGUAGE sql PARALLEL RESTRICTED COST 250 ROWS 40
  AS $$ SELECT generate_series(1, n) $$;

-- View options.
CREATE VIEW public.open_bookings WITH (security_barrier = true, check_option = cascaded) AS
  SELECT id, during FROM public.bookings WHERE NOT cancelled;
CREATE VIEW public.safe_accounts WITH (security_barrier) AS SELECT id FROM public.accounts;
CREATE VIEW public.local_tickets WITH (check_option = local, security_invoker = true) AS SELECT id, code FROM public.tickets WHERE code IS NOT NULL;

-- A domain with a collation.
CREATE DOMAIN public.code_text AS text COLLATE "C" CONSTRAINT code_text_check CHECK (VALUE <> '');

-- Indexes on a materialized view whose column names need quoting.
CREATE MATERIALIZED VIEW app."Weird Counts" AS SELECT status AS "Status Name", count(*) AS "N" FROM app.events GROUP BY status;
CREATE UNIQUE INDEX "Weird Counts By Status" ON app."Weird Counts" ("Status Name");
CREATE INDEX ON app."Weird Counts" ("N" DESC, "Status Name");
