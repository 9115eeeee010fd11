-- schema 0.1.0 migration 001_initial_schema
-- pre-state: sha256:71e00b0acc6a92620eed50dab14c1a5cc445e4554c24e94d3ba98163d52e9ebf
-- post-state: sha256:65e56641b3d57ca98854d75be43b191684e17a3dc9d5d4040506f1a790cbb5cd
-- managed-schemas: public
-- managed-roles: anon,authenticated,service_role
-- extensions: none
-- hazards: none

BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

-- + enum public.connection_status_enum
DO $do$
BEGIN
  CREATE TYPE public.connection_status_enum AS ENUM ('pending', 'accepted', 'declined', 'expired', 'disconnected');
EXCEPTION WHEN duplicate_object THEN NULL;
END
$do$;

-- + enum public.notification_kind
DO $do$
BEGIN
  CREATE TYPE public.notification_kind AS ENUM ('system', 'partner_request', 'reminder');
EXCEPTION WHEN duplicate_object THEN NULL;
END
$do$;

-- + sequence public.notifications_id_seq
CREATE SEQUENCE IF NOT EXISTS public.notifications_id_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;

-- + sequence public.partner_connections_id_seq
CREATE SEQUENCE IF NOT EXISTS public.partner_connections_id_seq AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE;

-- + table public.notifications
CREATE TABLE IF NOT EXISTS public.notifications (
  id bigint DEFAULT nextval('public.notifications_id_seq'::regclass) NOT NULL,
  recipient_user_id uuid NOT NULL,
  kind public.notification_kind DEFAULT 'system'::public.notification_kind NOT NULL,
  payload jsonb DEFAULT '{}'::jsonb NOT NULL,
  is_read boolean DEFAULT false NOT NULL,
  sent_at timestamp with time zone DEFAULT now() NOT NULL,
  read_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

-- + table public.partner_connections
CREATE TABLE IF NOT EXISTS public.partner_connections (
  id integer DEFAULT nextval('public.partner_connections_id_seq'::regclass) NOT NULL,
  requester_id uuid NOT NULL,
  recipient_id uuid,
  status public.connection_status_enum DEFAULT 'pending'::public.connection_status_enum NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

-- + table public.profiles
CREATE TABLE IF NOT EXISTS public.profiles (
  id uuid NOT NULL,
  display_name text DEFAULT ''::text NOT NULL,
  username character varying(40),
  avatar_url text,
  settings jsonb DEFAULT '{"theme": "light", "emails": true}'::jsonb NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

-- + table public.sessions
CREATE TABLE IF NOT EXISTS public.sessions (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  host_id uuid NOT NULL,
  players jsonb DEFAULT '[]'::jsonb NOT NULL,
  game_settings jsonb DEFAULT '{}'::jsonb NOT NULL,
  current_turn_state jsonb DEFAULT '{}'::jsonb NOT NULL,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  updated_at timestamp with time zone DEFAULT now() NOT NULL
);

-- ~ sequence public.notifications_id_seq owned by public.notifications.id
ALTER SEQUENCE public.notifications_id_seq OWNED BY public.notifications.id;

-- ~ sequence public.partner_connections_id_seq owned by public.partner_connections.id
ALTER SEQUENCE public.partner_connections_id_seq OWNED BY public.partner_connections.id;

-- + primary key notifications_pkey on public.notifications
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.notifications'::regclass AND conname = 'notifications_pkey') THEN
    ALTER TABLE public.notifications ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);
  END IF;
END
$do$;

-- + unique partner_connections_pair on public.partner_connections
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.partner_connections'::regclass AND conname = 'partner_connections_pair') THEN
    ALTER TABLE public.partner_connections ADD CONSTRAINT partner_connections_pair UNIQUE (requester_id, recipient_id);
  END IF;
END
$do$;

-- + primary key partner_connections_pkey on public.partner_connections
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.partner_connections'::regclass AND conname = 'partner_connections_pkey') THEN
    ALTER TABLE public.partner_connections ADD CONSTRAINT partner_connections_pkey PRIMARY KEY (id);
  END IF;
END
$do$;

-- + primary key profiles_pkey on public.profiles
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.profiles'::regclass AND conname = 'profiles_pkey') THEN
    ALTER TABLE public.profiles ADD CONSTRAINT profiles_pkey PRIMARY KEY (id);
  END IF;
END
$do$;

-- + unique profiles_username_key on public.profiles
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.profiles'::regclass AND conname = 'profiles_username_key') THEN
    ALTER TABLE public.profiles ADD CONSTRAINT profiles_username_key UNIQUE (username);
  END IF;
END
$do$;

-- + primary key sessions_pkey on public.sessions
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.sessions'::regclass AND conname = 'sessions_pkey') THEN
    ALTER TABLE public.sessions ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);
  END IF;
END
$do$;

-- + check notifications_read_at_when_read on public.notifications
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.notifications'::regclass AND conname = 'notifications_read_at_when_read') THEN
    ALTER TABLE public.notifications ADD CONSTRAINT notifications_read_at_when_read CHECK (read_at IS NULL OR is_read);
  END IF;
END
$do$;

-- + check partner_connections_not_self on public.partner_connections
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.partner_connections'::regclass AND conname = 'partner_connections_not_self') THEN
    ALTER TABLE public.partner_connections ADD CONSTRAINT partner_connections_not_self CHECK (requester_id <> recipient_id);
  END IF;
END
$do$;

-- + check profiles_username_format on public.profiles
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.profiles'::regclass AND conname = 'profiles_username_format') THEN
    ALTER TABLE public.profiles ADD CONSTRAINT profiles_username_format CHECK (username::text ~ '^[a-z0-9_]{3,40}$'::text);
  END IF;
END
$do$;

-- + index public.notifications_recipient_user_id_created_at_idx on public.notifications
CREATE INDEX IF NOT EXISTS notifications_recipient_user_id_created_at_idx ON public.notifications (recipient_user_id, created_at) WHERE NOT is_read;

-- + index public.partner_connections_recipient_id_idx on public.partner_connections
CREATE INDEX IF NOT EXISTS partner_connections_recipient_id_idx ON public.partner_connections (recipient_id);

-- + index public.sessions_host_id_idx on public.sessions
CREATE INDEX IF NOT EXISTS sessions_host_id_idx ON public.sessions (host_id);

-- + foreign key notifications_recipient_user_id_fkey on public.notifications
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.notifications'::regclass AND conname = 'notifications_recipient_user_id_fkey') THEN
    ALTER TABLE public.notifications ADD CONSTRAINT notifications_recipient_user_id_fkey FOREIGN KEY (recipient_user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
  END IF;
END
$do$;

-- + foreign key partner_connections_recipient_id_fkey on public.partner_connections
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.partner_connections'::regclass AND conname = 'partner_connections_recipient_id_fkey') THEN
    ALTER TABLE public.partner_connections ADD CONSTRAINT partner_connections_recipient_id_fkey FOREIGN KEY (recipient_id) REFERENCES public.profiles(id) ON DELETE SET NULL;
  END IF;
END
$do$;

-- + foreign key partner_connections_requester_id_fkey on public.partner_connections
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.partner_connections'::regclass AND conname = 'partner_connections_requester_id_fkey') THEN
    ALTER TABLE public.partner_connections ADD CONSTRAINT partner_connections_requester_id_fkey FOREIGN KEY (requester_id) REFERENCES public.profiles(id) ON DELETE CASCADE;
  END IF;
END
$do$;

-- + foreign key profiles_id_fkey on public.profiles
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.profiles'::regclass AND conname = 'profiles_id_fkey') THEN
    ALTER TABLE public.profiles ADD CONSTRAINT profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE;
  END IF;
END
$do$;

-- + foreign key sessions_host_id_fkey on public.sessions
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.sessions'::regclass AND conname = 'sessions_host_id_fkey') THEN
    ALTER TABLE public.sessions ADD CONSTRAINT sessions_host_id_fkey FOREIGN KEY (host_id) REFERENCES public.profiles(id) ON DELETE CASCADE;
  END IF;
END
$do$;

-- + function public.handle_new_user()
CREATE OR REPLACE FUNCTION public.handle_new_user()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$BEGIN
  INSERT INTO public.profiles (id, display_name)
  VALUES (NEW.id, coalesce(NEW.raw_user_meta_data ->> 'display_name', ''));
  RETURN NEW;
END;
$function$;

-- + function public.update_updated_at_column()
CREATE OR REPLACE FUNCTION public.update_updated_at_column()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$function$;

-- + trigger update_notifications_updated_at on public.notifications
CREATE OR REPLACE TRIGGER update_notifications_updated_at BEFORE UPDATE ON public.notifications FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

-- + trigger update_partner_connections_updated_at on public.partner_connections
CREATE OR REPLACE TRIGGER update_partner_connections_updated_at BEFORE UPDATE ON public.partner_connections FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

-- + trigger update_profiles_updated_at on public.profiles
CREATE OR REPLACE TRIGGER update_profiles_updated_at BEFORE UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

-- + trigger update_sessions_updated_at on public.sessions
CREATE OR REPLACE TRIGGER update_sessions_updated_at BEFORE UPDATE ON public.sessions FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

-- + trigger on_auth_user_created on auth.users
CREATE OR REPLACE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();

-- ~ table public.notifications enable RLS
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;

-- ~ table public.partner_connections enable RLS
ALTER TABLE public.partner_connections ENABLE ROW LEVEL SECURITY;

-- ~ table public.profiles enable RLS
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;

-- ~ table public.sessions enable RLS
ALTER TABLE public.sessions ENABLE ROW LEVEL SECURITY;

-- + policy notifications_insert_system on public.notifications
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.notifications'::regclass AND polname = 'notifications_insert_system') THEN
    CREATE POLICY notifications_insert_system ON public.notifications AS PERMISSIVE FOR INSERT TO service_role WITH CHECK (true);
  END IF;
END
$do$;

-- + policy notifications_select_own on public.notifications
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.notifications'::regclass AND polname = 'notifications_select_own') THEN
    CREATE POLICY notifications_select_own ON public.notifications AS PERMISSIVE FOR SELECT TO authenticated USING ((( SELECT auth.uid() AS uid)) = recipient_user_id);
  END IF;
END
$do$;

-- + policy notifications_update_own on public.notifications
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.notifications'::regclass AND polname = 'notifications_update_own') THEN
    CREATE POLICY notifications_update_own ON public.notifications AS PERMISSIVE FOR UPDATE TO authenticated USING ((( SELECT auth.uid() AS uid)) = recipient_user_id) WITH CHECK ((( SELECT auth.uid() AS uid)) = recipient_user_id);
  END IF;
END
$do$;

-- + policy partner_connections_insert_own on public.partner_connections
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.partner_connections'::regclass AND polname = 'partner_connections_insert_own') THEN
    CREATE POLICY partner_connections_insert_own ON public.partner_connections AS PERMISSIVE FOR INSERT TO authenticated WITH CHECK ((( SELECT auth.uid() AS uid)) = requester_id);
  END IF;
END
$do$;

-- + policy partner_connections_select_own on public.partner_connections
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.partner_connections'::regclass AND polname = 'partner_connections_select_own') THEN
    CREATE POLICY partner_connections_select_own ON public.partner_connections AS PERMISSIVE FOR SELECT TO authenticated USING ((( SELECT auth.uid() AS uid)) = requester_id OR (( SELECT auth.uid() AS uid)) = recipient_id);
  END IF;
END
$do$;

-- + policy partner_connections_update_own on public.partner_connections
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.partner_connections'::regclass AND polname = 'partner_connections_update_own') THEN
    CREATE POLICY partner_connections_update_own ON public.partner_connections AS PERMISSIVE FOR UPDATE TO authenticated USING ((( SELECT auth.uid() AS uid)) = requester_id OR (( SELECT auth.uid() AS uid)) = recipient_id) WITH CHECK ((( SELECT auth.uid() AS uid)) = requester_id OR (( SELECT auth.uid() AS uid)) = recipient_id);
  END IF;
END
$do$;

-- + policy profiles_select_all on public.profiles
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.profiles'::regclass AND polname = 'profiles_select_all') THEN
    CREATE POLICY profiles_select_all ON public.profiles AS PERMISSIVE FOR SELECT TO anon, authenticated USING (true);
  END IF;
END
$do$;

-- + policy profiles_update_own on public.profiles
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.profiles'::regclass AND polname = 'profiles_update_own') THEN
    CREATE POLICY profiles_update_own ON public.profiles AS PERMISSIVE FOR UPDATE TO authenticated USING ((( SELECT auth.uid() AS uid)) = id) WITH CHECK ((( SELECT auth.uid() AS uid)) = id);
  END IF;
END
$do$;

-- + policy sessions_insert_host on public.sessions
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.sessions'::regclass AND polname = 'sessions_insert_host') THEN
    CREATE POLICY sessions_insert_host ON public.sessions AS PERMISSIVE FOR INSERT TO authenticated WITH CHECK ((( SELECT auth.uid() AS uid)) = host_id);
  END IF;
END
$do$;

-- + policy sessions_select_host on public.sessions
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.sessions'::regclass AND polname = 'sessions_select_host') THEN
    CREATE POLICY sessions_select_host ON public.sessions AS PERMISSIVE FOR SELECT TO authenticated USING ((( SELECT auth.uid() AS uid)) = host_id);
  END IF;
END
$do$;

-- + policy sessions_update_host on public.sessions
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = 'public.sessions'::regclass AND polname = 'sessions_update_host') THEN
    CREATE POLICY sessions_update_host ON public.sessions AS PERMISSIVE FOR UPDATE TO authenticated USING ((( SELECT auth.uid() AS uid)) = host_id) WITH CHECK ((( SELECT auth.uid() AS uid)) = host_id);
  END IF;
END
$do$;

-- + grant usage on public.notifications_id_seq to authenticated
GRANT USAGE ON SEQUENCE public.notifications_id_seq TO authenticated;

-- + grant usage on public.notifications_id_seq to service_role
GRANT USAGE ON SEQUENCE public.notifications_id_seq TO service_role;

-- + grant usage on public.partner_connections_id_seq to authenticated
GRANT USAGE ON SEQUENCE public.partner_connections_id_seq TO authenticated;

-- + grant usage on public.partner_connections_id_seq to service_role
GRANT USAGE ON SEQUENCE public.partner_connections_id_seq TO service_role;

-- + grant select, update on public.notifications to authenticated
GRANT SELECT, UPDATE ON TABLE public.notifications TO authenticated;

-- + grant select, insert, update, delete, truncate, references, trigger on public.notifications to service_role
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.notifications TO service_role;

-- + grant select, insert, update on public.partner_connections to authenticated
GRANT SELECT, INSERT, UPDATE ON TABLE public.partner_connections TO authenticated;

-- + grant select, insert, update, delete, truncate, references, trigger on public.partner_connections to service_role
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.partner_connections TO service_role;

-- + grant select on public.profiles to anon
GRANT SELECT ON TABLE public.profiles TO anon;

-- + grant select, update on public.profiles to authenticated
GRANT SELECT, UPDATE ON TABLE public.profiles TO authenticated;

-- + grant select, insert, update, delete, truncate, references, trigger on public.profiles to service_role
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.profiles TO service_role;

-- + grant select, insert, update on public.sessions to authenticated
GRANT SELECT, INSERT, UPDATE ON TABLE public.sessions TO authenticated;

-- + grant select, insert, update, delete, truncate, references, trigger on public.sessions to service_role
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.sessions TO service_role;

-- ~ comment on function public.handle_new_user()
COMMENT ON FUNCTION public.handle_new_user() IS 'Creates the profile row of a new auth user';

-- ~ comment on function public.update_updated_at_column()
COMMENT ON FUNCTION public.update_updated_at_column() IS 'Sets updated_at to now() on every UPDATE';

-- ~ comment on table public.notifications
COMMENT ON TABLE public.notifications IS 'In-app notifications';

-- ~ comment on table public.partner_connections
COMMENT ON TABLE public.partner_connections IS 'Connection requests between two users';

-- ~ comment on table public.profiles
COMMENT ON TABLE public.profiles IS 'Public profile of each user';

-- ~ comment on table public.sessions
COMMENT ON TABLE public.sessions IS 'Game sessions hosted by a user';

COMMIT;
