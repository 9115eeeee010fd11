/**
 * The Catalog: one plain-data model of a database's managed scope.
 *
 * Both sides of every diff are Catalogs: the live database (introspected) and the desired state
 * (the spec rendered as DDL on a shadow database, then introspected). Names are unquoted; objects
 * are keyed by their qualified name (`schema.name`, unquoted, see `qualifiedName`). Keys are in
 * sorted order at every depth (introspection builds them so; `normalizeCatalog` sorts any other),
 * so two databases holding the same schema serialize identically.
 *
 * Expressions (defaults, checks, policy predicates, index/trigger WHEN clauses) are Postgres's own
 * deparsed text (`pg_get_expr` and friends), so they compare like with like.
 */

export interface Catalog {
  readonly schemas: Readonly<Record<string, SchemaDef>>;
  readonly extensions: Readonly<Record<string, Extension>>;
  readonly enums: Readonly<Record<string, EnumType>>;
  readonly domains: Readonly<Record<string, Domain>>;
  /** Composite types (CREATE TYPE ... AS (...)); absent when there are none. */
  readonly composites?: Readonly<Record<string, CompositeType>>;
  readonly sequences: Readonly<Record<string, Sequence>>;
  readonly tables: Readonly<Record<string, Table>>;
  /** Keyed by `schema.name(identity args)`, e.g. `public.add(integer, integer)`. */
  readonly functions: Readonly<Record<string, FunctionDef>>;
  readonly views: Readonly<Record<string, View>>;
  /**
   * Default privileges without IN SCHEMA (global-defaults.ts), whole, the FOR ROLE's own included:
   * read only when the spec declares some (`default_privileges:` at the top); absent when none.
   */
  readonly defaultPrivileges?: DefaultPrivileges;
  /**
   * Triggers the managed scope owns on tables outside it (e.g. `auth.users`), keyed by
   * `schema.table.trigger`. The table itself is never managed.
   */
  readonly externalTriggers: Readonly<Record<string, Trigger & { readonly table: string }>>;
  /**
   * Policies the managed scope owns on platform tables (e.g. `storage.objects`), keyed by
   * `schema.table.policy`: read only for the tables the scope names (`policies:storage.objects`).
   * Absent when there are none, like the other platform parts below.
   */
  readonly externalPolicies?: Readonly<Record<string, Policy & { readonly table: string }>>;
  /** Rows of `storage.buckets`, by id: read only when the scope names `buckets`. */
  readonly buckets?: Readonly<Record<string, Bucket>>;
  /** The database's named pg_cron jobs (rows of `cron.job`), by name: read when the scope names `cron_jobs`. */
  readonly cronJobs?: Readonly<Record<string, CronJob>>;
  /**
   * The database's publications, by name: read when the scope names `publications` (the spec has the
   * key). Platform publications (`supabase_realtime`) and FOR ALL TABLES ones are never here; a
   * table's membership is the table's `publications`.
   */
  readonly publications?: Readonly<Record<string, Publication>>;
}

/** The operations a publication can publish, in PostgreSQL's order. */
export const PUBLISH_OPERATIONS = ['insert', 'update', 'delete', 'truncate'] as const;
export type PublishOperation = (typeof PUBLISH_OPERATIONS)[number];

/** A publication (CREATE PUBLICATION): what it publishes; its tables are the tables' memberships. */
export interface Publication {
  readonly name: string;
  /** Published operations, in PUBLISH_OPERATIONS order; absent when all four (the default). */
  readonly publish?: readonly PublishOperation[];
  /** `publish_via_partition_root = true`; absent when false. */
  readonly viaPartitionRoot?: true;
  /** FOR TABLES IN SCHEMA (PostgreSQL 15+), sorted; absent when none. */
  readonly schemas?: readonly string[];
  /** Owner when not the role that plans (the connecting role); absent otherwise. */
  readonly owner?: string;
  readonly comment?: string;
}

/** A Supabase Storage bucket: a row of `storage.buckets` (its `name` is its id). */
export interface Bucket {
  readonly id: string;
  readonly public: boolean;
  /** Bytes; absent for no limit. */
  readonly fileSizeLimit?: number;
  /** In the order given; absent for any type. */
  readonly allowedMimeTypes?: readonly string[];
}

/** A pg_cron job of this database, scheduled by name. */
export interface CronJob {
  readonly name: string;
  /** Cron syntax (`0 3 * * *`) or an interval (`30 seconds`), as pg_cron keeps it. */
  readonly schedule: string;
  readonly command: string;
  readonly active: boolean;
}

/** REPLICA IDENTITY other than DEFAULT: FULL, NOTHING, or USING INDEX (a unique index of the table). */
export type ReplicaIdentity = 'full' | 'nothing' | { readonly index: string };

/** A table's membership in a publication: all columns and rows unless a list or a filter says otherwise. */
export interface PublicationMembership {
  /** Published columns (a column list, PostgreSQL 15+), in attribute order. */
  readonly columns?: readonly string[];
  /** Row filter (PostgreSQL 15+), as `pg_get_expr` prints it. */
  readonly where?: string;
}

/** What `ALTER DEFAULT PRIVILEGES ... ON <objects>` applies to, in the order the spec lists them. */
export const DEFAULT_OBJECT_KINDS = ['tables', 'sequences', 'functions', 'types'] as const;
export type DefaultObjects = (typeof DEFAULT_OBJECT_KINDS)[number];

/** FOR ROLE -> object kind -> grantee -> privileges the objects that role creates in the schema get. */
export type DefaultPrivileges = Readonly<Record<string, Readonly<Partial<Record<DefaultObjects, Grants>>>>>;

export interface SchemaDef {
  readonly name: string;
  /** The owning role when it is not the role that runs migrations (read when the scope asks for owners). */
  readonly owner?: string;
  /** Role -> USAGE/CREATE (`nspacl`, owner left out); absent when none. Managed only where the spec declares them. */
  readonly grants?: Grants;
  /** `pg_default_acl` entries of the schema; read and managed only where the spec declares them. */
  readonly defaultPrivileges?: DefaultPrivileges;
  readonly comment?: string;
}

export interface Extension {
  readonly name: string;
  readonly schema: string;
}

export interface EnumType {
  readonly schema: string;
  readonly name: string;
  /** The owning role when it is not the role that runs migrations (read when the scope asks for owners). */
  readonly owner?: string;
  /** In sort order. */
  readonly values: readonly string[];
  /** Role -> USAGE (`typacl`, PUBLIC's default included, owner left out); absent when none. */
  readonly grants?: Grants;
  readonly comment?: string;
}

export interface CompositeAttribute {
  readonly name: string;
  /** `format_type`, e.g. `character varying(12)`. */
  readonly type: string;
  /** Only when different from the type's default collation. */
  readonly collation?: string;
}

export interface CompositeType {
  readonly schema: string;
  readonly name: string;
  /** In attribute order. */
  readonly attributes: readonly CompositeAttribute[];
  readonly comment?: string;
}

export interface Domain {
  readonly schema: string;
  readonly name: string;
  /** The owning role when it is not the role that runs migrations (read when the scope asks for owners). */
  readonly owner?: string;
  /** `format_type` of the base type, e.g. `character varying(20)`. */
  readonly type: string;
  readonly notNull: boolean;
  readonly default?: string;
  readonly collation?: string;
  /** Constraint name -> `CHECK (...)` definition from `pg_get_constraintdef`. */
  readonly checks: Readonly<Record<string, string>>;
  /** Role -> USAGE (`typacl`, PUBLIC's default included, owner left out); absent when none. */
  readonly grants?: Grants;
  readonly comment?: string;
}

export interface Sequence {
  readonly schema: string;
  readonly name: string;
  /** The owning role when it is not the role that runs migrations (read when the scope asks for owners). */
  readonly owner?: string;
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** `table.column` (qualified table) when the sequence is OWNED BY a column. */
  readonly ownedBy?: string;
  /**
   * Role -> USAGE/SELECT/UPDATE; absent when none. In a desired catalog it holds the USAGE a table's
   * INSERT or UPDATE grant implies on the sequences its column defaults call (see sequence-usage.ts).
   */
  readonly grants?: Grants;
  readonly comment?: string;
}

export type PrivilegeName =
  | 'select'
  | 'insert'
  | 'update'
  | 'delete'
  | 'truncate'
  | 'references'
  | 'trigger'
  | 'execute'
  | 'usage'
  | 'create';

/** A privilege as granted: `select`, or `select with grant option` (the grantee may grant it on). */
export type Privilege = PrivilegeName | `${PrivilegeName} with grant option`;

/** Role -> sorted privileges granted to it (owner's implicit privileges excluded). */
export type Grants = Readonly<Record<string, readonly Privilege[]>>;

export interface Column {
  readonly name: string;
  /** `format_type(atttypid, atttypmod)`, e.g. `timestamp with time zone`, `numeric(10,2)`, `text[]`. */
  readonly type: string;
  readonly notNull: boolean;
  /** `pg_get_expr(adbin)`; absent for identity and generated columns. */
  readonly default?: string;
  readonly identity?: 'always' | 'by default';
  /** The identity sequence's options that differ from the defaults for the column's type; absent when none. */
  readonly identityOptions?: IdentityOptions;
  /** Stored generated column expression. */
  readonly generated?: string;
  /** Only when different from the type's default collation. */
  readonly collation?: string;
  /** Column privileges (`GRANT UPDATE (col)`), role -> select/insert/update/references; absent when none. */
  readonly grants?: Grants;
  readonly comment?: string;
  /** COMMENT ON SEQUENCE of an identity column's sequence (named in its schema); absent when none. */
  readonly identitySequence?: { readonly name: string; readonly comment: string };
}

/**
 * Options of an identity column's sequence, each only when it differs from what PostgreSQL picks for
 * the column's type (see `src/catalog/identity-options.ts`): numbers as text, like `Sequence`.
 */
export interface IdentityOptions {
  readonly start?: string;
  readonly increment?: string;
  readonly min?: string;
  readonly max?: string;
  readonly cache?: string;
  readonly cycle?: true;
}

export type ConstraintKind = 'primary_key' | 'unique' | 'check' | 'foreign_key' | 'exclusion';

export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface Constraint {
  readonly name: string;
  readonly kind: ConstraintKind;
  /** Constrained columns in key order (empty for checks not tied to columns). */
  readonly columns: readonly string[];
  /** `pg_get_constraintdef`, e.g. `FOREIGN KEY (a) REFERENCES auth.users(id) ON DELETE CASCADE`. */
  readonly definition: string;
  /** False for a NOT VALID constraint not yet validated. Diffs ignore it; `check`/status report it. */
  readonly validated: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly foreignKey?: {
    /** Qualified referenced table. */
    readonly table: string;
    readonly columns: readonly string[];
    readonly onDelete: ReferentialAction;
    readonly onUpdate: ReferentialAction;
    readonly match: 'simple' | 'full' | 'partial';
  };
  /** Check expression (without `CHECK (...)`). */
  readonly check?: string;
  readonly comment?: string;
  /** COMMENT ON INDEX of the index behind a primary key, unique or exclusion constraint (named like it). */
  readonly indexComment?: string;
}

export interface Index {
  readonly name: string;
  readonly unique: boolean;
  /** Access method, e.g. `btree`, `gin`. */
  readonly method: string;
  /** Key columns or expressions as `pg_get_indexdef(oid, k, true)` prints them (incl. opclass/order). */
  readonly keys: readonly string[];
  readonly include: readonly string[];
  readonly where?: string;
  readonly nullsNotDistinct: boolean;
  /** Storage parameters (`WITH (...)`) as PostgreSQL keeps them, `name=value` in the order given; absent when none. */
  readonly with?: readonly string[];
  /** `pg_get_indexdef`, with the schema-qualified table. */
  readonly definition: string;
  readonly comment?: string;
}

export type TriggerEvent = 'insert' | 'update' | 'delete' | 'truncate';

export interface Trigger {
  readonly name: string;
  readonly timing: 'before' | 'after' | 'instead of';
  /** Sorted. */
  readonly events: readonly TriggerEvent[];
  /** Columns of `UPDATE OF`. */
  readonly updateOf: readonly string[];
  readonly forEach: 'row' | 'statement';
  readonly when?: string;
  /** Qualified function name, without args. */
  readonly function: string;
  readonly args: readonly string[];
  /** `pg_get_triggerdef`. */
  readonly definition: string;
  /** A constraint trigger (CREATE CONSTRAINT TRIGGER), fired at the end of the statement or, deferred, of the transaction. */
  readonly constraint?: { readonly deferrable: boolean; readonly initiallyDeferred: boolean };
  readonly enabled: boolean;
  readonly comment?: string;
}

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

export interface Policy {
  readonly name: string;
  readonly command: PolicyCommand;
  readonly permissive: boolean;
  /** Sorted; `public` when the policy applies to every role. */
  readonly roles: readonly string[];
  readonly using?: string;
  readonly check?: string;
  readonly comment?: string;
}

export interface Table {
  readonly schema: string;
  readonly name: string;
  /** The owning role when it is not the role that runs migrations (read when the scope asks for owners). */
  readonly owner?: string;
  /** `partitioned` for a declaratively partitioned parent. */
  readonly kind: 'table' | 'partitioned';
  /** `pg_get_partkeydef`, e.g. `RANGE (created_at)`. */
  readonly partitionBy?: string;
  /** When this table is a partition: its parent and `pg_get_expr(relpartbound)`. */
  readonly partitionOf?: { readonly parent: string; readonly bound: string };
  /** In attribute order. */
  readonly columns: readonly Column[];
  readonly constraints: Readonly<Record<string, Constraint>>;
  /** Indexes that do not back a constraint. */
  readonly indexes: Readonly<Record<string, Index>>;
  readonly triggers: Readonly<Record<string, Trigger>>;
  readonly policies: Readonly<Record<string, Policy>>;
  readonly rls: boolean;
  readonly forceRls: boolean;
  readonly grants: Grants;
  readonly comment?: string;
  /** Storage parameters (`pg_class.reloptions`, e.g. `fillfactor=70`), sorted; absent when none. */
  readonly with?: readonly string[];
  /** Publications the table is a member of (e.g. `supabase_realtime`); absent when none. */
  readonly publications?: Readonly<Record<string, PublicationMembership>>;
  /** `REPLICA IDENTITY` when not the default (the primary key). */
  readonly replicaIdentity?: ReplicaIdentity;
}

export interface FunctionArg {
  readonly name?: string;
  readonly mode: 'in' | 'out' | 'inout' | 'variadic' | 'table';
  readonly type: string;
  readonly default?: string;
}

export interface FunctionDef {
  readonly schema: string;
  readonly name: string;
  /** The owning role when it is not the role that runs migrations (read when the scope asks for owners). */
  readonly owner?: string;
  readonly kind: 'function' | 'procedure';
  /** `pg_get_function_identity_arguments`. */
  readonly identityArgs: string;
  /** `pg_get_function_arguments` (with names and defaults). */
  readonly args: string;
  /** `pg_get_function_result`; absent for procedures. */
  readonly returns?: string;
  readonly language: string;
  /** `prosrc`. */
  readonly body: string;
  readonly volatility: 'volatile' | 'stable' | 'immutable';
  readonly security: 'invoker' | 'definer';
  readonly strict: boolean;
  /** `proconfig`, e.g. `search_path=public, pg_temp`, sorted. */
  readonly config: readonly string[];
  /** `pg_get_functiondef`: a complete `CREATE OR REPLACE FUNCTION` statement. */
  readonly definition: string;
  readonly grants: Grants;
  readonly comment?: string;
}

export interface View {
  readonly schema: string;
  readonly name: string;
  /** The owning role when it is not the role that runs migrations (read when the scope asks for owners). */
  readonly owner?: string;
  readonly materialized: boolean;
  /** `pg_get_viewdef(oid, true)`. */
  readonly definition: string;
  /** Reloptions such as `security_invoker=true`, sorted. */
  readonly options: readonly string[];
  readonly columns: readonly string[];
  readonly grants: Grants;
  readonly comment?: string;
  /** COMMENT ON COLUMN of the view's columns, column -> comment; absent when none. */
  readonly columnComments?: Readonly<Record<string, string>>;
  /** Indexes on a materialized view. */
  readonly indexes: Readonly<Record<string, Index>>;
}

export const emptyCatalog = (): Catalog => ({
  schemas: {},
  extensions: {},
  enums: {},
  domains: {},
  sequences: {},
  tables: {},
  functions: {},
  views: {},
  externalTriggers: {},
});
