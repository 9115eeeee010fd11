/**
 * The planner's contract: what the spec hands the differ besides the two Catalogs, and what a plan is.
 *
 * A Plan is a list of Steps. Each Step is one idempotent SQL statement (or a guarded DO block) with
 * the facts the runner, the hazard gate and the report need. The rollback is built together with the
 * forward plan: every change knows its reverse.
 */

/** Facts from the spec that the two Catalogs cannot carry. */
export interface PlanInputs {
  /** Managed schemas, sorted (default `['public']`). Nothing outside them is ever created or dropped (but external triggers). */
  readonly managedSchemas: readonly string[];
  /** Roles whose grants the spec manages (the roles it names in any `grants`), sorted. Others are never revoked. */
  readonly managedRoles: readonly string[];
  /** Managed schemas whose privileges the spec declares (`grants:` under `schemas:`), sorted; the others' are never touched. */
  readonly schemaGrants?: readonly string[];
  /** Extensions the spec declares, sorted. */
  readonly extensions: readonly string[];
  /** Table renames: new qualified name -> old qualified name (`public.people` -> `public.persons`). */
  readonly tableRenames: Readonly<Record<string, string>>;
  /** Column renames: `schema.table.new_column` -> old column name (table under its new name). */
  readonly columnRenames: Readonly<Record<string, string>>;
  /** Enum remaps: qualified enum -> { old value -> new value }. */
  readonly enumRemaps: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Backfill expressions for new NOT NULL columns without default: `schema.table.column` -> SQL expression. */
  readonly backfills: Readonly<Record<string, string>>;
  /** Zone the values of a `timestamp` column were written in (`time_zone:`), `schema.table.column` -> zone; UTC when absent. */
  readonly timeZones?: Readonly<Record<string, string>>;
  /** External tables (e.g. `auth.users`) that the spec references; never managed. */
  readonly externalTables: readonly string[];
  /** What the spec owns on the platform's tables (`buckets`, `cron_jobs`, `policies:storage.objects`), sorted; see Scope. */
  readonly platform?: readonly string[];
  /** Declared default privileges, `schema\tFOR ROLE\tobjects` (catalog/compare.ts defaultPrivilegesKey), sorted: only these are managed. */
  readonly defaultPrivileges?: readonly string[];
  /** Roles whose future objects the spec gives default privileges (FOR ROLE), sorted: they must exist. */
  readonly defaultPrivilegeRoles?: readonly string[];
  /** Roles the spec names as owners (`owner:`), sorted: they must exist. */
  readonly ownerRoles?: readonly string[];
  /** Columns with a JSONB `shape:` (`schema.table.column`), sorted: their rows may need evolving (planner/shape-evolution.ts). */
  readonly shapedColumns?: readonly string[];
  /** Sequences declared `implied_usage: false` (qualified), sorted: table grants imply no USAGE on them. */
  readonly withoutImpliedUsage?: readonly string[];
  /** Functions declared as auth hooks (`schema.name`): created with EXECUTE revoked from anon and authenticated too. */
  readonly authHooks?: readonly string[];
}

export interface PlanOptions {
  /** `SET LOCAL lock_timeout` for every transaction, e.g. `5s`. */
  readonly lockTimeout: string;
  /** `SET LOCAL statement_timeout` for every transaction, e.g. `15min`. */
  readonly statementTimeout: string;
  /** Oldest PostgreSQL major the SQL must run on (default 14). */
  readonly targetVersion: number;
}

export type Hazard = 'deletes-data' | 'rewrites-table' | 'breaks-clients' | 'access-exclusive-lock' | 'not-transactional' | 'irreversible';

export interface Step {
  /** One statement, idempotent, without a trailing semicolon. */
  readonly sql: string;
  /** False for statements that cannot run in a transaction block (CREATE INDEX CONCURRENTLY, ...). */
  readonly transactional: boolean;
  /**
   * A transactional step that must run in a transaction of its own, committed before the next step
   * starts: `ALTER TYPE ... ADD VALUE` (the new value is usable only after commit) and
   * `VALIDATE CONSTRAINT` (so the long validation does not hold the ADD's lock).
   */
  readonly isolated?: boolean;
  /** Human summary, e.g. `+ table public.notifications`, `~ column public.t.a type`, `- index public.i`. */
  readonly description: string;
  /** Catalog key of the object the step creates or changes (`public.notifications`, `public.t.col`). */
  readonly object: string;
  readonly hazards: readonly Hazard[];
  /** With `breaks-clients`: what the app version still deployed loses (compat.ts). */
  readonly breaks?: string;
  /** Checklist rules this statement knowingly does not follow, rule id -> reason (`-- schema:waive` lines). */
  readonly waivers?: Readonly<Record<string, string>>;
}

export interface Plan {
  /** Changes found by `diff`, in dependency order: `Change` values (changes.ts); typed loosely for callers that only count them. */
  readonly changes: readonly unknown[];
  readonly forward: readonly Step[];
  /** The reverse plan, already in run order (newest-first semantics handled by the planner). */
  readonly rollback: readonly Step[];
  /** Union of the forward steps' hazards, sorted. */
  readonly hazards: readonly Hazard[];
}
