-- schema 0.1.0 migration 001_initial_schema
-- pre-state: sha256:71e00b0acc6a92620eed50dab14c1a5cc445e4554c24e94d3ba98163d52e9ebf
-- post-state: sha256:de2780c65609af30ae46c6de32ee8cb3224d6696c0e4770427882f6682dfde54
-- managed-schemas: public
-- managed-roles: anon,authenticated,service_role
-- extensions: none
-- hazards: none

BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

-- + enum public.notification_kind
DO $do$
BEGIN
  CREATE TYPE public.notification_kind AS ENUM ('system', 'partner_request', 'reminder');
EXCEPTION WHEN duplicate_object THEN NULL;
END
$do$;

-- + table public.notifications
CREATE TABLE IF NOT EXISTS public.notifications (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  recipient_user_id uuid NOT NULL,
  kind public.notification_kind DEFAULT 'system'::public.notification_kind NOT NULL,
  payload jsonb DEFAULT '{}'::jsonb NOT NULL,
  is_read boolean DEFAULT false NOT NULL,
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

-- + primary key notifications_pkey on public.notifications
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.notifications'::regclass AND conname = 'notifications_pkey') THEN
    ALTER TABLE public.notifications ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);
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

-- + check profiles_username_format on public.profiles
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.profiles'::regclass AND conname = 'profiles_username_format') THEN
    ALTER TABLE public.profiles ADD CONSTRAINT profiles_username_format CHECK (username::text ~ '^[a-z0-9_]{3,40}$'::text);
  END IF;
END
$do$;

-- + foreign key notifications_recipient_user_id_fkey on public.notifications
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'public.notifications'::regclass AND conname = 'notifications_recipient_user_id_fkey') THEN
    ALTER TABLE public.notifications ADD CONSTRAINT notifications_recipient_user_id_fkey FOREIGN KEY (recipient_user_id) REFERENCES auth.users(id) ON DELETE CASCADE;
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

-- + index public.notifications_recipient_user_id_created_at_idx on public.notifications
CREATE INDEX IF NOT EXISTS notifications_recipient_user_id_created_at_idx ON public.notifications (recipient_user_id, created_at) WHERE NOT is_read;

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

-- + trigger update_profiles_updated_at on public.profiles
CREATE OR REPLACE TRIGGER update_profiles_updated_at BEFORE UPDATE ON public.profiles FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();

-- + trigger on_auth_user_created on auth.users
CREATE OR REPLACE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();

-- ~ table public.notifications enable RLS
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;

-- ~ table public.profiles enable RLS
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;

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

-- + grant select, update on public.notifications to authenticated
GRANT SELECT, UPDATE ON TABLE public.notifications TO authenticated;

-- + grant select, insert, update, delete, truncate, references, trigger on public.notifications to service_role
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.notifications TO service_role;

-- + grant select on public.profiles to anon
GRANT SELECT ON TABLE public.profiles TO anon;

-- + grant select, update on public.profiles to authenticated
GRANT SELECT, UPDATE ON TABLE public.profiles TO authenticated;

-- + grant select, insert, update, delete, truncate, references, trigger on public.profiles to service_role
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE public.profiles TO service_role;

-- ~ comment on function public.handle_new_user()
COMMENT ON FUNCTION public.handle_new_user() IS 'Creates the profile row of a new auth user';

-- ~ comment on function public.update_updated_at_column()
COMMENT ON FUNCTION public.update_updated_at_column() IS 'Sets updated_at to now() on every UPDATE';

-- ~ comment on table public.notifications
COMMENT ON TABLE public.notifications IS 'In-app notifications';

-- ~ comment on table public.profiles
COMMENT ON TABLE public.profiles IS 'Public profile of each user';

COMMIT;
