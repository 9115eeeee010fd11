/** What the tool manages, and what it never touches. */

/** Schemas that belong to PostgreSQL or to the platform: never managed, never dropped. */
export const PLATFORM_SCHEMAS: readonly string[] = [
  'pg_catalog',
  'information_schema',
  'pg_toast',
  'auth',
  'storage',
  'realtime',
  'graphql',
  'graphql_public',
  'extensions',
  'vault',
  'pgsodium',
  'pgsodium_masks',
  'supabase_functions',
  'supabase_migrations',
  'net',
  'cron',
  'pgbouncer',
  'pgtle',
  'tiger',
  'topology',
  '_realtime',
  '_analytics',
];

/** The runner's own history schema. */
export const HISTORY_SCHEMA = 'schema_migrations';

export function isUnmanagedSchema(name: string): boolean {
  return (
    PLATFORM_SCHEMAS.includes(name) ||
    name === HISTORY_SCHEMA ||
    name.startsWith('pg_temp_') ||
    name.startsWith('pg_toast_temp_')
  );
}

export interface Scope {
  /** Managed schemas. */
  readonly schemas: readonly string[];
  /** Extensions to include wherever they are installed (those the spec names). */
  readonly extensions?: readonly string[];
  /**
   * What the scope owns on the platform's tables (see `PlatformItem`), sorted: `buckets` (rows of
   * storage.buckets), `cron_jobs` (pg_cron jobs), `policies:<table>` (policies on that table),
   * `publications` (the database's publications, but the platform's and FOR ALL TABLES ones).
   */
  readonly platform?: readonly string[];
  /** Managed schemas whose default privileges the spec declares: only theirs are read. */
  readonly defaultPrivileges?: readonly string[];
  /**
   * Read owners: each object owned by a role other than the connecting one (`current_user`, the
   * role that runs migrations) gets `owner`; an object without one is the connecting role's.
   */
  readonly owners?: boolean;
}

/** The platform tables whose policies a spec may own (Supabase Storage's and Realtime's). */
export const POLICY_TABLES: readonly string[] = ['realtime.messages', 'storage.buckets', 'storage.objects'];

/** Every platform item, for reading a whole database (pull). */
export const ALL_PLATFORM_ITEMS: readonly string[] = ['buckets', 'cron_jobs', 'publications', ...POLICY_TABLES.map((t) => `policies:${t}`)];

/** Publications that belong to the platform: tables join and leave them, plans never create or drop them. */
export const PLATFORM_PUBLICATIONS: readonly string[] = ['supabase_realtime'];

export function isPlatformPublication(name: string): boolean {
  return PLATFORM_PUBLICATIONS.includes(name);
}
