-- source: sqldef/sqldef cmd/psqldef/tests_manage_owner.yml (ALTER ... OWNER TO)
-- kind: owners
-- @before
CREATE TABLE public.users (id bigint PRIMARY KEY, name varchar(100));
ALTER TABLE public.users OWNER TO app_owner;
CREATE SEQUENCE public.user_code_seq;
CREATE VIEW public.v_users AS SELECT id FROM public.users;
CREATE FUNCTION public.user_total() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM public.users $$;
-- @after
CREATE TABLE public.users (id bigint PRIMARY KEY, name varchar(100));
CREATE SEQUENCE public.user_code_seq;
ALTER SEQUENCE public.user_code_seq OWNER TO app_owner;
CREATE VIEW public.v_users AS SELECT id FROM public.users;
ALTER VIEW public.v_users OWNER TO app_writer;
CREATE FUNCTION public.user_total() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM public.users $$;
ALTER FUNCTION public.user_total() OWNER TO app_owner;
