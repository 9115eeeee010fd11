-- source: sqldef/sqldef cmd/psqldef/tests_functions.yml (CREATE OR REPLACE FUNCTION, attributes)
-- kind: functions
-- @before
CREATE TABLE public.wallets (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
CREATE FUNCTION public.credit_wallet(p_id integer, p_amount numeric) RETURNS numeric
  LANGUAGE plpgsql
  AS $$
DECLARE v numeric;
BEGIN
  UPDATE public.wallets SET balance = balance + p_amount WHERE id = p_id RETURNING balance INTO v;
  RETURN v;
END
$$;
CREATE FUNCTION public.wallet_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM public.wallets $$;
-- @after
CREATE TABLE public.wallets (id integer PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
CREATE FUNCTION public.credit_wallet(p_id integer, p_amount numeric) RETURNS numeric
  LANGUAGE plpgsql
  VOLATILE STRICT SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$
DECLARE v numeric;
BEGIN
  IF p_amount <= 0 THEN
    RAISE EXCEPTION 'amount must be positive';
  END IF;
  UPDATE public.wallets SET balance = balance + p_amount WHERE id = p_id RETURNING balance INTO v;
  RETURN v;
END
$$;
REVOKE ALL ON FUNCTION public.credit_wallet(integer, numeric) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.credit_wallet(integer, numeric) TO service_role;
CREATE FUNCTION public.wallet_count() RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT count(*) FROM public.wallets $$;
CREATE FUNCTION public.wallet_balance(p_id integer, OUT balance numeric, OUT is_empty boolean)
  LANGUAGE sql STABLE
  AS $$ SELECT w.balance, w.balance = 0 FROM public.wallets w WHERE w.id = p_id $$;
