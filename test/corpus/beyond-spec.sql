-- Catalog features the YAML spec cannot express yet (introspected, but not round-tripped):
-- exclusion constraints, constraint comments, MATCH FULL foreign keys, indexes on materialized views. Loaded after every-kind.sql.
CREATE TABLE public.bookings (
  id integer PRIMARY KEY,
  invoice_id integer,
  during tstzrange NOT NULL,
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&),
  CONSTRAINT bookings_invoice_fkey FOREIGN KEY (invoice_id) REFERENCES public.invoices (id) MATCH FULL ON DELETE CASCADE,
  CONSTRAINT bookings_id_positive CHECK (id > 0)
);
COMMENT ON CONSTRAINT bookings_id_positive ON public.bookings IS 'Positive ids';
CREATE UNIQUE INDEX event_counts_status_idx ON app.event_counts (status);
