-- source: sqldef/sqldef cmd/psqldef/tests.yml (CREATE SEQUENCE / ALTER SEQUENCE options)
-- kind: sequences
-- @before
CREATE SEQUENCE public.order_ref_seq;
CREATE SEQUENCE public.legacy_seq;
CREATE TABLE public.orders (
  id integer PRIMARY KEY,
  ref bigint NOT NULL DEFAULT nextval('public.order_ref_seq')
);
-- @after
CREATE SEQUENCE public.order_ref_seq AS bigint INCREMENT BY 5 MINVALUE 10 MAXVALUE 9999999 START WITH 10 CACHE 10 CYCLE;
CREATE TABLE public.orders (
  id integer PRIMARY KEY,
  ref bigint NOT NULL DEFAULT nextval('public.order_ref_seq')
);
ALTER SEQUENCE public.order_ref_seq OWNED BY public.orders.ref;
-- @seed
INSERT INTO public.orders (id) VALUES (1), (2);
