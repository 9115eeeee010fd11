-- source: supabase/pg-delta tests/integration/trigger-operations.test.ts (replace trigger, change events)
-- kind: triggers
-- @before
CREATE TABLE public.audit_log (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  op text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE public.orders (id bigint PRIMARY KEY, status text NOT NULL);
CREATE FUNCTION public.log_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  INSERT INTO public.audit_log (table_name, op) VALUES (TG_TABLE_NAME, TG_OP);
  RETURN NULL;
END
$$;
CREATE TRIGGER orders_audit AFTER INSERT ON public.orders
  FOR EACH ROW EXECUTE FUNCTION public.log_change();
-- @after
CREATE TABLE public.audit_log (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  op text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE public.orders (id bigint PRIMARY KEY, status text NOT NULL);
CREATE FUNCTION public.log_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  INSERT INTO public.audit_log (table_name, op) VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, lower(TG_OP));
  RETURN NULL;
END
$$;
CREATE TRIGGER orders_audit AFTER INSERT OR DELETE OR UPDATE OF status ON public.orders
  FOR EACH ROW EXECUTE FUNCTION public.log_change();
CREATE TRIGGER orders_audit_truncate AFTER TRUNCATE ON public.orders
  FOR EACH STATEMENT EXECUTE FUNCTION public.log_change();
