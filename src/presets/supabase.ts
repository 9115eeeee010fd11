/**
 * The Supabase platform, as far as a spec can see it: the `auth` schema with `auth.users` and the
 * `auth.uid()/jwt()/role()` helpers, `storage.buckets` and `storage.objects` (RLS on) with
 * `storage.foldername()/filename()/extension()`, the `supabase_realtime` publication, the
 * `extensions` schema, the API roles and the platform's own roles. Recreated in shadow databases
 * (and the embedded database) so specs that reference them normalize and verify exactly as on a
 * Supabase project. Never created, altered or dropped by a plan: only the rows and policies the
 * spec declares on them are.
 */

/** The Data API roles a spec grants to. */
export const SUPABASE_ROLES: readonly string[] = ['anon', 'authenticated', 'service_role'];

/** Roles the platform's services log in as (auth hooks run as `supabase_auth_admin`). */
export const SUPABASE_PLATFORM_ROLES: readonly string[] = [
  'authenticator',
  'dashboard_user',
  'supabase_admin',
  'supabase_auth_admin',
  'supabase_realtime_admin',
  'supabase_storage_admin',
];

/** The publication Supabase Realtime streams table changes from. */
export const SUPABASE_REALTIME_PUBLICATION = 'supabase_realtime';

/** Unmanaged tables the preset provides, with their columns, for spec validation. */
export const SUPABASE_TABLES: Readonly<Record<string, readonly { name: string; type: string }[]>> = {
  'auth.users': [
    { name: 'id', type: 'uuid' },
    { name: 'email', type: 'character varying(255)' },
    { name: 'phone', type: 'text' },
    { name: 'raw_user_meta_data', type: 'jsonb' },
    { name: 'raw_app_meta_data', type: 'jsonb' },
    { name: 'created_at', type: 'timestamp with time zone' },
    { name: 'updated_at', type: 'timestamp with time zone' },
  ],
  'storage.buckets': [
    { name: 'id', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'owner', type: 'uuid' },
    { name: 'created_at', type: 'timestamp with time zone' },
    { name: 'updated_at', type: 'timestamp with time zone' },
    { name: 'public', type: 'boolean' },
    { name: 'avif_autodetection', type: 'boolean' },
    { name: 'file_size_limit', type: 'bigint' },
    { name: 'allowed_mime_types', type: 'text[]' },
    { name: 'owner_id', type: 'text' },
  ],
  'storage.objects': [
    { name: 'id', type: 'uuid' },
    { name: 'bucket_id', type: 'text' },
    { name: 'name', type: 'text' },
    { name: 'owner', type: 'uuid' },
    { name: 'created_at', type: 'timestamp with time zone' },
    { name: 'updated_at', type: 'timestamp with time zone' },
    { name: 'last_accessed_at', type: 'timestamp with time zone' },
    { name: 'metadata', type: 'jsonb' },
    { name: 'path_tokens', type: 'text[]' },
    { name: 'version', type: 'text' },
    { name: 'owner_id', type: 'text' },
    { name: 'user_metadata', type: 'jsonb' },
  ],
};

/** Functions the preset provides (qualified, without args). */
export const SUPABASE_FUNCTIONS: readonly string[] = [
  'auth.uid',
  'auth.jwt',
  'auth.role',
  'auth.email',
  'storage.foldername',
  'storage.filename',
  'storage.extension',
];

/** Roles, created idempotently (roles are cluster-wide, so another database may have made them). */
export const supabaseRolesSql = (): string =>
  [...SUPABASE_ROLES, ...SUPABASE_PLATFORM_ROLES].map(
    (role) =>
      `DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;`,
  ).join('\n');

/** The auth stub: enough of Supabase's `auth` schema for policies, FKs and triggers to compile. */
export const supabaseAuthSql = (): string => `
CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE IF NOT EXISTS auth.users (
  id uuid PRIMARY KEY,
  email character varying(255),
  phone text,
  raw_user_meta_data jsonb,
  raw_app_meta_data jsonb,
  created_at timestamp with time zone,
  updated_at timestamp with time zone
);
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $fn$
  SELECT nullif(coalesce(current_setting('request.jwt.claim.sub', true), (current_setting('request.jwt.claims', true)::jsonb ->> 'sub')), '')::uuid
$fn$;
CREATE OR REPLACE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $fn$
  SELECT nullif(coalesce(current_setting('request.jwt.claim.role', true), (current_setting('request.jwt.claims', true)::jsonb ->> 'role')), '')::text
$fn$;
CREATE OR REPLACE FUNCTION auth.email() RETURNS text LANGUAGE sql STABLE AS $fn$
  SELECT nullif(coalesce(current_setting('request.jwt.claim.email', true), (current_setting('request.jwt.claims', true)::jsonb ->> 'email')), '')::text
$fn$;
CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(nullif(current_setting('request.jwt.claim', true), ''), nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$fn$;
CREATE SCHEMA IF NOT EXISTS extensions;
`;

/**
 * The storage stub: Supabase's two tables with their columns, RLS on and the Data API's grants,
 * and the path helpers policies use (`(storage.foldername(name))[1] = auth.uid()::text`).
 */
export const supabaseStorageSql = (): string => `
CREATE SCHEMA IF NOT EXISTS storage;
GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;
CREATE TABLE IF NOT EXISTS storage.buckets (
  id text PRIMARY KEY,
  name text NOT NULL,
  owner uuid,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  public boolean DEFAULT false,
  avif_autodetection boolean DEFAULT false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text
);
CREATE UNIQUE INDEX IF NOT EXISTS bname ON storage.buckets USING btree (name);
CREATE TABLE IF NOT EXISTS storage.objects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bucket_id text REFERENCES storage.buckets (id),
  name text,
  owner uuid,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  last_accessed_at timestamp with time zone DEFAULT now(),
  metadata jsonb,
  path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
  version text,
  owner_id text,
  user_metadata jsonb
);
CREATE UNIQUE INDEX IF NOT EXISTS bucketid_objname ON storage.objects USING btree (bucket_id, name);
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
GRANT ALL ON storage.buckets, storage.objects TO anon, authenticated, service_role;
CREATE OR REPLACE FUNCTION storage.foldername(name text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE _parts text[];
BEGIN
  SELECT string_to_array(name, '/') INTO _parts;
  RETURN _parts[1:array_length(_parts, 1) - 1];
END
$fn$;
CREATE OR REPLACE FUNCTION storage.filename(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE _parts text[];
BEGIN
  SELECT string_to_array(name, '/') INTO _parts;
  RETURN _parts[array_length(_parts, 1)];
END
$fn$;
CREATE OR REPLACE FUNCTION storage.extension(name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE _parts text[]; _filename text;
BEGIN
  SELECT string_to_array(name, '/') INTO _parts;
  SELECT _parts[array_length(_parts, 1)] INTO _filename;
  RETURN reverse(split_part(reverse(_filename), '.', 1));
END
$fn$;
`;

/** The Realtime publication (created empty, as on a new project: membership is the spec's). */
export const supabaseRealtimeSql = (): string => `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = '${SUPABASE_REALTIME_PUBLICATION}') THEN
    SET LOCAL client_min_messages = error;
    CREATE PUBLICATION ${SUPABASE_REALTIME_PUBLICATION};
  END IF;
END $$;
`;

/**
 * A pg_cron stand-in for databases without the extension (pg_cron runs in one database of a
 * server, preloaded): \`cron.job\` with pg_cron's columns and \`schedule\`/\`unschedule\`/\`alter_job\`
 * doing to its rows what pg_cron's do, so plans of cron jobs verify on a shadow. Never made where
 * pg_cron or a \`cron\` schema exists.
 */
export const supabaseCronSql = (): string => `
DO $cron$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_cron') OR to_regnamespace('cron') IS NOT NULL THEN RETURN; END IF;
  CREATE SCHEMA cron;
  CREATE TABLE cron.job (
    jobid bigserial PRIMARY KEY,
    schedule text NOT NULL,
    command text NOT NULL,
    nodename text NOT NULL DEFAULT 'localhost',
    nodeport integer NOT NULL DEFAULT 5432,
    database text NOT NULL DEFAULT pg_catalog.current_database(),
    username text NOT NULL DEFAULT CURRENT_USER,
    active boolean NOT NULL DEFAULT true,
    jobname text,
    UNIQUE (jobname, username)
  );
  CREATE FUNCTION cron.schedule(job_name text, schedule text, command text) RETURNS bigint LANGUAGE sql AS $fn$
    INSERT INTO cron.job (jobname, schedule, command) VALUES (job_name, schedule, command)
    ON CONFLICT (jobname, username) DO UPDATE SET schedule = EXCLUDED.schedule, command = EXCLUDED.command
    RETURNING jobid
  $fn$;
  CREATE FUNCTION cron.unschedule(job_id bigint) RETURNS boolean LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM cron.job WHERE jobid = job_id;
    IF NOT FOUND THEN RAISE EXCEPTION 'could not find valid entry for job %', job_id; END IF;
    RETURN true;
  END
  $fn$;
  CREATE FUNCTION cron.unschedule(job_name text) RETURNS boolean LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM cron.job WHERE jobname = job_name AND username = CURRENT_USER;
    IF NOT FOUND THEN RAISE EXCEPTION 'could not find valid entry for job ''%''', job_name; END IF;
    RETURN true;
  END
  $fn$;
  CREATE FUNCTION cron.alter_job(job_id bigint, schedule text DEFAULT NULL, command text DEFAULT NULL, database text DEFAULT NULL,
                                 username text DEFAULT NULL, active boolean DEFAULT NULL) RETURNS void LANGUAGE sql AS $fn$
    UPDATE cron.job j SET schedule = coalesce(alter_job.schedule, j.schedule), command = coalesce(alter_job.command, j.command),
      database = coalesce(alter_job.database, j.database), username = coalesce(alter_job.username, j.username),
      active = coalesce(alter_job.active, j.active)
    WHERE j.jobid = job_id
  $fn$;
END $cron$;
`;

/** Everything a Supabase-flavoured shadow database needs before the spec's own DDL. */
export const supabasePresetSql = (): string =>
  `${supabaseRolesSql()}\n${supabaseAuthSql()}\n${supabaseStorageSql()}\n${supabaseRealtimeSql()}\n${supabaseCronSql()}`;
