-- source: sqldef/sqldef cmd/psqldef/tests_triggers.yml (CREATE TRIGGER variants)
-- kind: triggers
-- @before
CREATE TABLE public.stock (sku text PRIMARY KEY, qty integer NOT NULL);
CREATE FUNCTION public.stock_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.qty < 0 THEN RAISE EXCEPTION 'negative stock for %', NEW.sku; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER stock_guard BEFORE INSERT ON public.stock
  FOR EACH ROW EXECUTE FUNCTION public.stock_guard();
-- @after
CREATE TABLE public.stock (sku text PRIMARY KEY, qty integer NOT NULL);
CREATE FUNCTION public.stock_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.qty < 0 THEN RAISE EXCEPTION 'negative stock for %', NEW.sku; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER stock_guard BEFORE INSERT OR UPDATE OF qty ON public.stock
  FOR EACH ROW WHEN (NEW.qty IS NOT NULL) EXECUTE FUNCTION public.stock_guard();
CREATE CONSTRAINT TRIGGER stock_guard_deferred AFTER UPDATE ON public.stock
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION public.stock_guard();
ALTER TABLE public.stock DISABLE TRIGGER stock_guard_deferred;
