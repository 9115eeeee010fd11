/**
 * The Spec: the merged content of every YAML file under `schema/`, as the user wrote it.
 * Keys mirror the YAML exactly (snake_case). Every node's source position is kept in a side table
 * (`SpecPositions`) so errors can point at `file:line:col`.
 *
 * Names without a schema are in `public`. Table keys may be qualified (`auth.users`, `app.items`).
 */
import type { Finding } from '../util/findings.js';

export type Waivers = Readonly<Record<string, string>>;

export interface Spec {
  /** Managed schemas; `public` is implied when absent. */
  readonly schemas?: Readonly<Record<string, SchemaSpec | null>>;
  /** Extension name -> options. */
  readonly extensions?: Readonly<Record<string, ExtensionSpec | null>>;
  /** Enum name -> values, or the long form with `values` and `remap`. */
  readonly enums?: Readonly<Record<string, readonly string[] | EnumSpec>>;
  readonly domains?: Readonly<Record<string, DomainSpec>>;
  /** Composite types (CREATE TYPE name AS (...)): name -> attributes. */
  readonly types?: Readonly<Record<string, CompositeTypeSpec>>;
  readonly sequences?: Readonly<Record<string, SequenceSpec>>;
  readonly tables?: Readonly<Record<string, TableSpec>>;
  /** Tables outside the managed scope that the spec references or owns triggers on. */
  readonly external?: Readonly<Record<string, ExternalTableSpec | null>>;
  readonly functions?: Readonly<Record<string, FunctionSpec>>;
  readonly views?: Readonly<Record<string, ViewSpec>>;
  /** Supabase Storage buckets (rows of `storage.buckets`): id -> options. Managed once the key is present. */
  readonly buckets?: Readonly<Record<string, BucketSpec | null>>;
  /** pg_cron jobs of this database: name -> schedule and command. Managed once the key is present. */
  readonly cron_jobs?: Readonly<Record<string, CronJobSpec>>;
  /** Publications (logical replication): name -> options. Managed once the key is present; tables join them with their `publications`. */
  readonly publications?: Readonly<Record<string, PublicationObjectSpec | null>>;
  /**
   * ALTER DEFAULT PRIVILEGES FOR ROLE without IN SCHEMA: what the objects the role creates anywhere
   * get. Each declared (role, kind) is managed: the grantees it names get exactly what it lists, the
   * others (the role itself, PUBLIC) keep the built-in defaults unless named (`public: []` revokes).
   */
  readonly default_privileges?: DefaultPrivilegesSpec;
}

/** A publication: what it publishes (every table's membership is the table's `publications`). */
export interface PublicationObjectSpec {
  /** Operations published; default all four. */
  readonly publish?: readonly ('insert' | 'update' | 'delete' | 'truncate')[];
  /** Changes of partitions published as their root table's; default false. */
  readonly publish_via_partition_root?: boolean;
  /** FOR TABLES IN SCHEMA: every table of these schemas, present and future (PostgreSQL 15+). */
  readonly schemas?: readonly string[];
  readonly owner?: string;
  readonly comment?: string;
}

export interface BucketSpec {
  /** Objects readable without a token (a public URL); default false. */
  readonly public?: boolean;
  /** Largest object in bytes; default none. */
  readonly file_size_limit?: number;
  /** MIME types an upload may have (`image/png`, `image/*`); default any. */
  readonly allowed_mime_types?: readonly string[];
}

export interface CronJobSpec {
  /** Cron syntax (`0 3 * * *`), or an interval such as `30 seconds`. */
  readonly schedule: string;
  /** The SQL the job runs. */
  readonly command: string;
  /** `false`: the job exists but does not run; default true. */
  readonly active?: boolean;
}

/** A table's membership in a publication: a column list and a row filter (PostgreSQL 15+). */
export interface PublicationSpec {
  readonly columns?: readonly string[];
  readonly where?: string;
}

/** Privileges per grantee for one kind of object (`tables: { authenticated: [select] }`). */
export type DefaultGrantsSpec = Readonly<Record<string, readonly string[]>>;

export interface SchemaSpec {
  /** Role -> privileges on the schema; declared grants make the schema's privileges managed. */
  readonly grants?: Readonly<Record<string, readonly Grantable<'usage' | 'create' | 'all'>[]>>;
  /**
   * ALTER DEFAULT PRIVILEGES: FOR ROLE (whose future objects get them) -> object kind -> grantee ->
   * privileges. Each declared (role, kind) is managed exactly; the others are left alone.
   */
  readonly default_privileges?: DefaultPrivilegesSpec;
  readonly comment?: string;
  /** Owning role; absent: the role that runs the migration. */
  readonly owner?: string;
}

/** FOR ROLE -> object kind -> grantee -> privileges. */
export type DefaultPrivilegesSpec = Readonly<Record<string, Readonly<{ tables?: DefaultGrantsSpec; sequences?: DefaultGrantsSpec; functions?: DefaultGrantsSpec; types?: DefaultGrantsSpec }>>>;

export interface ExtensionSpec {
  readonly schema?: string;
}

export interface EnumSpec {
  readonly values: readonly string[];
  /** old value -> new value, applied to rows before an old value is removed or renamed. */
  readonly remap?: Readonly<Record<string, string>>;
  readonly comment?: string;
  /** Owning role; absent: the role that runs the migration. */
  readonly owner?: string;
}

export interface DomainSpec {
  readonly type: string;
  readonly not_null?: boolean;
  readonly default?: SqlValue;
  readonly checks?: Readonly<Record<string, string>>;
  /** COLLATE of the domain, e.g. `C`. */
  readonly collation?: string;
  readonly comment?: string;
  /** Owning role; absent: the role that runs the migration. */
  readonly owner?: string;
}

export interface CompositeTypeSpec {
  /** Attribute name -> SQL type, in order (`street: text`). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly comment?: string;
}

export interface SequenceSpec {
  readonly type?: string;
  readonly start?: number;
  readonly increment?: number;
  readonly min?: number;
  readonly max?: number;
  readonly cache?: number;
  readonly cycle?: boolean;
  readonly owned_by?: string;
  /** Role -> privileges; a table's INSERT/UPDATE grant implies USAGE on the sequences its defaults call. */
  readonly grants?: Readonly<Record<string, readonly SequencePrivilegeSpec[]>>;
  /** `false`: the tables' INSERT/UPDATE grants do not give USAGE on this sequence (only `grants` do). */
  readonly implied_usage?: boolean;
  readonly comment?: string;
  /** Owning role; absent: the role that runs the migration. */
  readonly owner?: string;
}

export type SequencePrivilegeSpec = Grantable<'usage' | 'select' | 'update' | 'all'>;

/** A SQL expression string, or (for json/jsonb defaults) a YAML map/list meaning that JSON. */
export type SqlValue = string | number | boolean | null | JsonValue;
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };

export type ReferentialActionSpec = 'cascade' | 'set null' | 'set default' | 'restrict' | 'no action';

export interface ReferencesSpec {
  /** Referenced table (`auth.users`, `profiles`). */
  readonly table: string;
  /** Referenced column; defaults to the referenced table's primary key. */
  readonly column?: string;
  readonly on_delete?: ReferentialActionSpec;
  readonly on_update?: ReferentialActionSpec;
  readonly name?: string;
  readonly deferrable?: boolean | 'initially deferred';
  /** `false`: added NOT VALID and kept so (rows written before it are not checked); flipping it to true validates. Default true. */
  readonly validated?: boolean;
}

export interface ColumnSpec {
  readonly type: string;
  readonly not_null?: boolean;
  readonly default?: SqlValue;
  readonly primary_key?: boolean;
  readonly unique?: boolean;
  readonly references?: ReferencesSpec;
  /** GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY, or the long form with the sequence's options. */
  readonly identity?: 'always' | 'by default' | IdentitySpec;
  /** COMMENT ON SEQUENCE of the identity column's sequence. */
  readonly sequence_comment?: string;
  /** Stored generated column expression. */
  readonly generated?: string;
  readonly collation?: string;
  readonly comment?: string;
  readonly renamed_from?: string;
  /** Expression to fill existing rows when a NOT NULL column is added without a default. */
  readonly backfill?: string;
  /** Zone the values of a `timestamp` column were written in, for its change to timestamptz (default UTC). */
  readonly time_zone?: string;
  /** json/jsonb only: the JSON Schema subset every value should match (types the generated code). */
  readonly shape?: JsonShape;
  /** Adds a CHECK built from `shape` (NOT VALID, then VALIDATE, on an existing table). Default false. */
  readonly enforce_shape?: boolean;
  readonly waive?: Waivers;
}

/** An identity column with sequence options: `{ generated: always, start: 100, increment: 10 }`. */
export interface IdentitySpec {
  readonly generated: 'always' | 'by default';
  readonly start?: number;
  readonly increment?: number;
  readonly min?: number;
  readonly max?: number;
  readonly cache?: number;
  readonly cycle?: boolean;
}

export type JsonShapeType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** A JSON Schema subset: typed object properties, `required`, `default`, arrays, `additionalProperties`. */
export interface JsonShape {
  readonly type?: JsonShapeType | readonly JsonShapeType[];
  readonly properties?: Readonly<Record<string, JsonShape>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonShape;
  readonly items?: JsonShape;
  readonly enum?: readonly JsonValue[];
  readonly default?: JsonValue;
  /** On a property: its previous name; existing values move to the new name. */
  readonly renamed_from?: string;
  readonly description?: string;
}

export interface ForeignKeySpec {
  readonly columns: readonly string[];
  readonly references: { readonly table: string; readonly columns?: readonly string[] };
  readonly on_delete?: ReferentialActionSpec;
  readonly on_update?: ReferentialActionSpec;
  readonly deferrable?: boolean | 'initially deferred';
  /** MATCH FULL (default MATCH SIMPLE). */
  readonly match?: 'full' | 'simple';
  readonly comment?: string;
  /** `false`: added NOT VALID and kept so (rows written before it are not checked); flipping it to true validates. Default true. */
  readonly validated?: boolean;
}

export type DeferrableSpec = boolean | 'initially deferred';

export interface CheckSpec {
  readonly check: string;
  readonly no_inherit?: boolean;
  readonly comment?: string;
  /** `false`: added NOT VALID and kept so (rows written before it are not checked); flipping it to true validates. Default true. */
  readonly validated?: boolean;
}

export interface UniqueSpec {
  readonly columns: readonly string[];
  readonly nulls_not_distinct?: boolean;
  readonly deferrable?: DeferrableSpec;
  readonly comment?: string;
  /** COMMENT ON INDEX of the index behind the constraint. */
  readonly index_comment?: string;
}

export interface ExclusionSpec {
  /** Index access method; default `gist`. */
  readonly using?: string;
  /** `[element, operator]` pairs: a column (optionally with opclass) or an expression in parentheses, and its operator. */
  readonly elements: readonly (readonly [string, string])[];
  readonly include?: readonly string[];
  readonly where?: string;
  readonly deferrable?: DeferrableSpec;
  readonly comment?: string;
  /** COMMENT ON INDEX of the index behind the constraint. */
  readonly index_comment?: string;
}

export interface IndexSpec {
  readonly name?: string;
  /** Column names (optionally with ` DESC`, opclass) or SQL expressions in parentheses. */
  readonly columns: readonly string[];
  readonly unique?: boolean;
  readonly where?: string;
  readonly using?: string;
  readonly include?: readonly string[];
  readonly nulls_not_distinct?: boolean;
  /** Storage parameters, e.g. `{ fillfactor: 70 }`. */
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  readonly comment?: string;
}

export type PolicyCommandSpec = 'all' | 'select' | 'insert' | 'update' | 'delete';

export interface PolicySpec {
  readonly for?: PolicyCommandSpec;
  readonly to?: string | readonly string[];
  readonly using?: string;
  readonly check?: string;
  readonly as?: 'permissive' | 'restrictive';
  readonly comment?: string;
}

export type TriggerEventSpec = 'insert' | 'update' | 'delete' | 'truncate';

export interface TriggerSpec {
  /** Exactly one of before / after / instead_of: an event or list of events. */
  readonly before?: TriggerEventSpec | readonly TriggerEventSpec[];
  readonly after?: TriggerEventSpec | readonly TriggerEventSpec[];
  readonly instead_of?: TriggerEventSpec | readonly TriggerEventSpec[];
  readonly update_of?: readonly string[];
  readonly for_each?: 'row' | 'statement';
  readonly when?: string;
  /** Function name (`update_updated_at_column`, `public.handle_new_user`). */
  readonly function: string;
  readonly args?: readonly string[];
  /** `false`: the trigger exists but is disabled (ALTER TABLE ... DISABLE TRIGGER). */
  readonly enabled?: boolean;
  /**
   * CREATE CONSTRAINT TRIGGER (`after`, `for_each: row`): `true` (NOT DEFERRABLE), `deferrable`
   * (DEFERRABLE INITIALLY IMMEDIATE) or `initially deferred` (fires at commit).
   */
  readonly constraint?: boolean | 'deferrable' | 'initially deferred';
  readonly comment?: string;
}

/** A privilege, or the same `with grant option` (the role may grant it on). */
export type Grantable<P extends string> = P | `${P} with grant option`;

export type PrivilegeSpec = Grantable<'select' | 'insert' | 'update' | 'delete' | 'truncate' | 'references' | 'trigger' | 'all'>;

/** Column privileges: privilege -> columns (`{ update: [display_name, bio] }`). */
export type ColumnPrivilegeSpec = Readonly<Partial<Record<Grantable<'select' | 'insert' | 'update' | 'references'>, readonly string[]>>>;

export interface TableSpec {
  readonly comment?: string;
  /** Owning role; absent: the role that runs the migration. */
  readonly owner?: string;
  readonly renamed_from?: string;
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  /** Composite primary key; a single-column key may use the column's `primary_key: true`. */
  readonly primary_key?:
    | readonly string[]
    | { readonly name?: string; readonly columns: readonly string[]; readonly deferrable?: DeferrableSpec; readonly comment?: string; readonly index_comment?: string };
  /** Constraint name -> columns. */
  readonly unique?: Readonly<Record<string, readonly string[] | UniqueSpec>>;
  /** Constraint name -> boolean SQL expression, or `{ check, no_inherit, comment }`. */
  readonly checks?: Readonly<Record<string, string | CheckSpec>>;
  /** Constraint name -> exclusion constraint. */
  readonly exclusions?: Readonly<Record<string, ExclusionSpec>>;
  /** Constraint name -> multi-column foreign key. */
  readonly foreign_keys?: Readonly<Record<string, ForeignKeySpec>>;
  readonly indexes?: readonly IndexSpec[];
  readonly rls?: boolean;
  readonly force_rls?: boolean;
  readonly policies?: Readonly<Record<string, PolicySpec>>;
  readonly triggers?: Readonly<Record<string, TriggerSpec>>;
  /** Role -> table privileges and column privileges. */
  readonly grants?: Readonly<Record<string, readonly (PrivilegeSpec | ColumnPrivilegeSpec)[]>>;
  readonly partition_by?: string;
  readonly partition_of?: { readonly table: string; readonly bound: string };
  /** Publications the table is in (`[supabase_realtime]` streams it to Realtime), or name -> column list / row filter. */
  readonly publications?: readonly string[] | Readonly<Record<string, PublicationSpec | null>>;
  /** REPLICA IDENTITY; `full` sends the old row on update and delete (Realtime's old record, filters on it); `{ index: name }` is USING INDEX. */
  readonly replica_identity?: 'default' | 'full' | 'nothing' | { readonly index: string };
  readonly waive?: Waivers;
  /** Storage parameters: `{ fillfactor: 70, autovacuum_vacuum_scale_factor: 0.05 }`. */
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  /** Declared access tests: name -> case. */
  readonly tests?: Readonly<Record<string, AccessTestSpec>>;
}

export interface ExternalTableSpec {
  /** Columns the spec relies on (for validating references); optional. */
  readonly columns?: readonly string[];
  /** Triggers owned by the spec on this unmanaged table. */
  readonly triggers?: Readonly<Record<string, TriggerSpec>>;
  /** Policies owned by the spec on a platform table (`storage.objects`, `storage.buckets`, `realtime.messages`). */
  readonly policies?: Readonly<Record<string, PolicySpec>>;
}

export interface FunctionArgSpec {
  readonly name?: string;
  readonly type: string;
  readonly mode?: 'in' | 'out' | 'inout' | 'variadic';
  readonly default?: string;
}

export interface FunctionSpec {
  /** `[]`, a list of args, or a raw argument list string (`a integer, b text DEFAULT 'x'`). */
  readonly args?: readonly FunctionArgSpec[] | string;
  readonly returns?: string;
  readonly language?: string;
  readonly body: string;
  readonly volatility?: 'volatile' | 'stable' | 'immutable';
  readonly security?: 'invoker' | 'definer';
  readonly strict?: boolean;
  readonly leakproof?: boolean;
  readonly parallel?: 'unsafe' | 'restricted' | 'safe';
  /** COST: estimated execution cost. */
  readonly cost?: number;
  /** ROWS: estimated rows of a set-returning function. */
  readonly rows?: number;
  readonly search_path?: string;
  /** Other settings (SET name = value) applied while the function runs, e.g. `statement_timeout: 5s`. */
  readonly set?: Readonly<Record<string, string>>;
  readonly procedure?: boolean;
  readonly grants?: Readonly<Record<string, readonly Grantable<'execute' | 'all'>[]>>;
  /** Owning role; absent: the role that runs the migration. */
  readonly owner?: string;
  /** A Supabase Auth hook: EXECUTE for `supabase_auth_admin` only (revoked from anon, authenticated and PUBLIC). */
  readonly hook?: AuthHook;
  readonly comment?: string;
}

export type AuthHook =
  | 'custom_access_token'
  | 'send_sms'
  | 'send_email'
  | 'mfa_verification_attempt'
  | 'password_verification_attempt'
  | 'before_user_created';

export interface ViewSpec {
  readonly query: string;
  readonly materialized?: boolean;
  readonly security_invoker?: boolean;
  readonly security_barrier?: boolean;
  readonly check_option?: 'local' | 'cascaded';
  /** Indexes of a materialized view. */
  readonly indexes?: readonly IndexSpec[];
  readonly grants?: Readonly<Record<string, readonly PrivilegeSpec[]>>;
  readonly comment?: string;
  /** View column -> COMMENT ON COLUMN. */
  readonly column_comments?: Readonly<Record<string, string>>;
  /** Owning role; absent: the role that runs the migration. */
  readonly owner?: string;
}

/** Source position of a node. Lines and columns are 1-based. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/**
 * Positions keyed by the YAML path joined with `/`, e.g. `tables/notifications/columns/id/type`.
 * Top-level object keys (`tables/notifications`) point at the key itself.
 */
export type SpecPositions = ReadonlyMap<string, SourcePosition>;

export interface LoadedSpec {
  readonly spec: Spec;
  readonly positions: SpecPositions;
  /** Files that were read, sorted. */
  readonly files: readonly string[];
  /** Non-fatal findings of loading (e.g. an empty file); `validateSpec` reports them. */
  readonly warnings?: readonly Finding[];
}

/** A cell of a given row, an inserted row or an update's SET: sent as an SQL literal, never as SQL. */
export type AccessValue = string | number | boolean | null | readonly unknown[] | { readonly [key: string]: unknown };

export type AccessRow = Readonly<Record<string, AccessValue>>;

export interface AccessTestSpec {
  /** The role the operation runs as (`SET LOCAL ROLE`), e.g. `authenticated` or `anon`. */
  readonly as: string;
  /** JWT claims seen by `auth.uid()`/`auth.jwt()` (`request.jwt.claims`); `role` defaults to `as`. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Rows inserted before the operation, with row level security bypassed: table -> rows, in order. */
  readonly given?: Readonly<Record<string, readonly AccessRow[]>>;
  /** Counts the rows the role sees (optionally those matching `where`). */
  readonly select?: { readonly where?: string; readonly count?: number };
  /** Inserts one row. */
  readonly insert?: AccessRow;
  /** Updates the rows matching `where` (all when absent). */
  readonly update?: { readonly set: AccessRow; readonly where?: string };
  /** Deletes the rows matching `where` (all when absent). */
  readonly delete?: { readonly where?: string };
  /** `allowed` (default): the operation succeeds (and touches a row, for update and delete); `denied`: it is refused or touches none. */
  readonly expect?: 'allowed' | 'denied';
}
