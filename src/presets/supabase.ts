/**
 * The Supabase platform, as far as a spec can see it: the `auth` schema with `auth.users` and the
 * `auth.uid()/jwt()/role()` helpers, and the API roles. Recreated in shadow databases so specs that
 * reference them normalize and verify exactly as on a Supabase project. Never managed or dropped.
 */

export const SUPABASE_ROLES: readonly string[] = ['anon', 'authenticated', 'service_role'];

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
};

/** Functions the preset provides (qualified, without args). */
export const SUPABASE_FUNCTIONS: readonly string[] = ['auth.uid', 'auth.jwt', 'auth.role', 'auth.email'];

/** Roles, created idempotently (roles are cluster-wide, so another database may have made them). */
export const supabaseRolesSql = (): string =>
  SUPABASE_ROLES.map(
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

/** Everything a Supabase-flavoured shadow database needs before the spec's own DDL. */
export const supabasePresetSql = (): string => `${supabaseRolesSql()}\n${supabaseAuthSql()}`;
