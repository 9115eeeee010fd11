-- source: sqldef/sqldef cmd/psqldef/tests_tables.yml (INHERITS is not modelled by declarative diff)
-- kind: out-of-scope
-- @before
CREATE TABLE public.vehicles (id integer PRIMARY KEY, wheels integer NOT NULL);
-- @after
CREATE TABLE public.vehicles (id integer PRIMARY KEY, wheels integer NOT NULL);
CREATE TABLE public.trucks (payload_kg integer NOT NULL) INHERITS (public.vehicles);
CREATE TABLE public.bikes (electric boolean NOT NULL DEFAULT false) INHERITS (public.vehicles);
