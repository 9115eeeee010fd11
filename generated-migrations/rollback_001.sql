-- schema 0.1.0 rollback rollback_001
-- pre-state: sha256:65e56641b3d57ca98854d75be43b191684e17a3dc9d5d4040506f1a790cbb5cd
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

-- - foreign key sessions_host_id_fkey on public.sessions
ALTER TABLE IF EXISTS public.sessions DROP CONSTRAINT IF EXISTS sessions_host_id_fkey;

-- - foreign key profiles_id_fkey on public.profiles
ALTER TABLE IF EXISTS public.profiles DROP CONSTRAINT IF EXISTS profiles_id_fkey;

-- - foreign key partner_connections_requester_id_fkey on public.partner_connections
ALTER TABLE IF EXISTS public.partner_connections DROP CONSTRAINT IF EXISTS partner_connections_requester_id_fkey;

-- - foreign key partner_connections_recipient_id_fkey on public.partner_connections
ALTER TABLE IF EXISTS public.partner_connections DROP CONSTRAINT IF EXISTS partner_connections_recipient_id_fkey;

-- - foreign key notifications_recipient_user_id_fkey on public.notifications
ALTER TABLE IF EXISTS public.notifications DROP CONSTRAINT IF EXISTS notifications_recipient_user_id_fkey;

-- - table public.sessions [deletes-data]
DROP TABLE IF EXISTS public.sessions;

-- - table public.partner_connections [deletes-data]
DROP TABLE IF EXISTS public.partner_connections;

-- - table public.notifications [deletes-data]
DROP TABLE IF EXISTS public.notifications;

-- - table public.profiles [deletes-data]
DROP TABLE IF EXISTS public.profiles;

-- - function public.update_updated_at_column()
DROP FUNCTION IF EXISTS public.update_updated_at_column();

-- - function public.handle_new_user()
DROP FUNCTION IF EXISTS public.handle_new_user();

-- - enum public.notification_kind
DROP TYPE IF EXISTS public.notification_kind;

-- - enum public.connection_status_enum
DROP TYPE IF EXISTS public.connection_status_enum;

-- - sequence public.partner_connections_id_seq
DROP SEQUENCE IF EXISTS public.partner_connections_id_seq;

-- - sequence public.notifications_id_seq
DROP SEQUENCE IF EXISTS public.notifications_id_seq;

COMMIT;
