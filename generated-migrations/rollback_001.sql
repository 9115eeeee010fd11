-- schema 0.1.0 rollback rollback_001
-- pre-state: sha256:de2780c65609af30ae46c6de32ee8cb3224d6696c0e4770427882f6682dfde54
-- post-state: sha256:71e00b0acc6a92620eed50dab14c1a5cc445e4554c24e94d3ba98163d52e9ebf
-- managed-schemas: public
-- managed-roles: anon,authenticated,service_role
-- extensions: none
-- hazards: deletes-data

BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';

-- - trigger on_auth_user_created on auth.users
DROP TRIGGER IF EXISTS on_auth_user_created ON auth.users;

-- - foreign key profiles_id_fkey on public.profiles
ALTER TABLE IF EXISTS public.profiles DROP CONSTRAINT IF EXISTS profiles_id_fkey;

-- - foreign key notifications_recipient_user_id_fkey on public.notifications
ALTER TABLE IF EXISTS public.notifications DROP CONSTRAINT IF EXISTS notifications_recipient_user_id_fkey;

-- - table public.profiles [deletes-data]
DROP TABLE IF EXISTS public.profiles;

-- - table public.notifications [deletes-data]
DROP TABLE IF EXISTS public.notifications;

-- - function public.update_updated_at_column()
DROP FUNCTION IF EXISTS public.update_updated_at_column();

-- - function public.handle_new_user()
DROP FUNCTION IF EXISTS public.handle_new_user();

-- - enum public.notification_kind
DROP TYPE IF EXISTS public.notification_kind;

COMMIT;
