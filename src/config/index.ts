/**
 * The settings every command reads (schema.config.yaml, flags over it): their shape and built-in
 * defaults. A leaf: it imports nothing, so any layer may read a Config.
 */
export interface Config {
  /** Directory of the YAML spec. */
  readonly schema: string;
  /** Directory of generated migrations. */
  readonly migrations: string;
  /** Database URL (prefer DATABASE_URL in the environment for secrets). */
  readonly db?: string;
  /** Platform preset: `supabase` adds the auth stub, roles and platform schemas. */
  readonly preset?: 'supabase' | 'none';
  /** Scratch database server for normalization and verification. */
  readonly shadow_url?: string;
  /** Oldest PostgreSQL major the generated SQL must run on. */
  readonly target_version: number;
  /** `SET LOCAL lock_timeout` of each migration transaction. */
  readonly lock_timeout: string;
  /** `SET LOCAL statement_timeout` of each migration transaction. */
  readonly statement_timeout: string;
  /** Rows per batch of a batched backfill (`apply --backfill-rows`); default 1000. */
  readonly backfill_rows?: number;
  /** Pause between backfill batches (`apply --backfill-pause`), a duration; default 20ms. */
  readonly backfill_pause?: string;
  /** Schemas exposed by the Data API (RLS and grants rules apply there). */
  readonly exposed_schemas: readonly string[];
  /** Live rows of each touched table that plan verification copies into its shadow (0: none). */
  readonly sample_rows: number;
}

export const CONFIG_FILE = 'schema.config.yaml';

export const defaultConfig: Config = Object.freeze({
  schema: 'schema',
  migrations: 'generated-migrations',
  preset: 'supabase',
  target_version: 14,
  lock_timeout: '5s',
  statement_timeout: '15min',
  exposed_schemas: Object.freeze(['public']),
  sample_rows: 1000,
});
