-- An example Supabase app: profiles, notifications, partner requests; policies with auth.uid().
-- Runs after supabasePresetSql() (auth stub, roles anon/authenticated/service_role).
CREATE TYPE public.notification_kind AS ENUM ('system', 'partner_request', 'reminder');
CREATE TYPE public.request_status AS ENUM ('pending', 'accepted', 'declined');

CREATE OR REPLACE FUNCTION public.update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$;

CREATE TABLE public.profiles (
  id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
  display_name text NOT NULL DEFAULT '',
  avatar_url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY profiles_select_all ON public.profiles FOR SELECT TO authenticated USING (true);
CREATE POLICY profiles_update_own ON public.profiles FOR UPDATE TO authenticated USING (auth.uid() = id) WITH CHECK (auth.uid() = id);
GRANT SELECT, UPDATE ON public.profiles TO authenticated;
GRANT ALL ON public.profiles TO service_role;
CREATE TRIGGER update_profiles_updated_at BEFORE UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TABLE public.notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  kind public.notification_kind NOT NULL DEFAULT 'system',
  payload jsonb NOT NULL DEFAULT '{}',
  is_read boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public.notifications IS 'In-app notifications';
CREATE INDEX notifications_recipient_user_id_created_at_idx ON public.notifications (recipient_user_id, created_at) WHERE NOT is_read;
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;
GRANT SELECT, UPDATE ON public.notifications TO authenticated;
GRANT ALL ON public.notifications TO service_role;
CREATE POLICY notifications_select_own ON public.notifications FOR SELECT TO authenticated USING (auth.uid() = recipient_user_id);
CREATE POLICY notifications_insert_system ON public.notifications FOR INSERT WITH CHECK (true);
CREATE TRIGGER update_notifications_updated_at BEFORE UPDATE ON public.notifications FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

CREATE TABLE public.partner_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  from_user_id uuid NOT NULL REFERENCES public.profiles (id) ON DELETE CASCADE,
  to_user_id uuid NOT NULL REFERENCES public.profiles (id) ON DELETE CASCADE,
  status public.request_status NOT NULL DEFAULT 'pending',
  message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT partner_requests_not_self CHECK (from_user_id <> to_user_id),
  CONSTRAINT partner_requests_pair_key UNIQUE (from_user_id, to_user_id)
);
ALTER TABLE public.partner_requests ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON public.partner_requests TO authenticated;
CREATE POLICY partner_requests_own ON public.partner_requests FOR ALL TO authenticated
  USING (auth.uid() IN (from_user_id, to_user_id)) WITH CHECK (auth.uid() = from_user_id);

CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO public.profiles (id, display_name) VALUES (NEW.id, coalesce(NEW.raw_user_meta_data ->> 'name', ''));
  RETURN NEW;
END;
$$;
CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();

CREATE VIEW public.unread_counts WITH (security_invoker = true) AS
  SELECT recipient_user_id, count(*) AS unread FROM public.notifications WHERE NOT is_read GROUP BY recipient_user_id;
GRANT SELECT ON public.unread_counts TO authenticated;
