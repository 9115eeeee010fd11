-- source: supabase/pg-delta tests/integration/trigger-operations.test.ts (trigger with WHEN condition)
-- kind: triggers
-- @before
CREATE TABLE public.posts (
  id bigint PRIMARY KEY,
  title text NOT NULL,
  body text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- @after
CREATE TABLE public.posts (
  id bigint PRIMARY KEY,
  title text NOT NULL,
  body text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION public.touch_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = ''
  AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER posts_touch_updated_at
  BEFORE UPDATE ON public.posts
  FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.*)
  EXECUTE FUNCTION public.touch_updated_at();
