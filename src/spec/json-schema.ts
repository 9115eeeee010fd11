/**
 * The JSON Schema (draft 2020-12) of the spec format: the shape checked by `loadSpec`, shipped as
 * `schema.json` for editor autocompletion (`# yaml-language-server: $schema=...`). Every key has a
 * description; unknown keys are errors (with a did-you-mean suggestion).
 */

type JsonSchema = Readonly<Record<string, unknown>>;

const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
const int = (description: string): JsonSchema => ({ type: 'integer', description });
const strings = (description: string): JsonSchema => ({ type: 'array', description, items: { type: 'string' } });
const obj = (description: string, properties: Readonly<Record<string, JsonSchema>>, required: readonly string[] = []): JsonSchema => ({
  type: 'object',
  description,
  properties,
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: false,
});
const mapOf = (description: string, value: JsonSchema): JsonSchema => ({
  type: 'object',
  description,
  additionalProperties: value,
});
const ref = (name: string, description: string): JsonSchema => ({ $ref: `#/$defs/${name}`, description });

const referentialAction = { enum: ['cascade', 'set null', 'set default', 'restrict', 'no action'] };
const deferrable = {
  description: '`true` for DEFERRABLE INITIALLY IMMEDIATE, `initially deferred` for DEFERRABLE INITIALLY DEFERRED.',
  anyOf: [{ type: 'boolean' }, { const: 'initially deferred' }],
};
/** Privilege names of one kind of object, `all`, and each `with grant option` (GRANT ... WITH GRANT OPTION). */
const privilegeEnum = (...names: string[]): JsonSchema => ({ enum: [...names, 'all'].flatMap((p) => [p, `${p} with grant option`]) });
const tablePrivilege = privilegeEnum('select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger');
const columnList = (privilege: string, text: string): Record<string, JsonSchema> => ({
  [privilege]: strings(text),
  [`${privilege} with grant option`]: strings(`${text.replace(/\.$/, '')}, and may grant it on (WITH GRANT OPTION).`),
});
/** A table privilege, or column privileges `{ update: [display_name, bio] }` (GRANT UPDATE (display_name, bio)). */
const tableOrColumnPrivilege: JsonSchema = {
  anyOf: [
    tablePrivilege,
    {
      ...obj('Column privileges: privilege -> the columns it is granted on, e.g. `{ update: [display_name, bio] }` for GRANT UPDATE (display_name, bio).', {
        ...columnList('select', 'Columns the role may read (GRANT SELECT (...)).'),
        ...columnList('insert', 'Columns the role may set on insert (GRANT INSERT (...)).'),
        ...columnList('update', 'Columns the role may update (GRANT UPDATE (...)).'),
        ...columnList('references', 'Columns the role may reference from a foreign key (GRANT REFERENCES (...)).'),
      }),
      minProperties: 1,
    },
  ],
};
const triggerEvents = (timing: string): JsonSchema => ({
  description: `Fire ${timing} these events: one event or a list (insert, update, delete, truncate).`,
  anyOf: [
    { enum: ['insert', 'update', 'delete', 'truncate'] },
    { type: 'array', items: { enum: ['insert', 'update', 'delete', 'truncate'] }, minItems: 1, uniqueItems: true },
  ],
});
const storageParameters = (description: string): JsonSchema => ({
  type: 'object',
  description,
  propertyNames: { pattern: '^[a-z_][a-z0-9_.]*$' },
  additionalProperties: { type: ['string', 'number', 'boolean'] },
});
const waive = mapOf('Checklist waivers: rule id -> the reason it does not apply here (shown in every plan).', { type: 'string', minLength: 1 });
const grants = (description: string, privilege: JsonSchema): JsonSchema =>
  mapOf(description, { type: 'array', items: privilege, uniqueItems: true, description: 'Privileges granted to the role.' });
const defaultPrivilegesOfRole = obj('Default privileges of the objects one role creates, per kind.', {
  tables: grants('Tables (and views): select, insert, update, delete, truncate, references, trigger, all.', tablePrivilege),
  sequences: grants('Sequences: usage, select, update, all.', privilegeEnum('usage', 'select', 'update')),
  functions: grants('Functions and procedures: execute, all.', privilegeEnum('execute')),
  types: grants('Types and domains: usage, all.', privilegeEnum('usage')),
});

const trigger = obj(
  'A trigger. Exactly one of before / after / instead_of.',
  {
    before: triggerEvents('before'),
    after: triggerEvents('after'),
    instead_of: triggerEvents('instead of (views only)'),
    update_of: strings('Columns of `UPDATE OF` (only with the update event).'),
    for_each: { enum: ['row', 'statement'], description: 'Row or statement trigger; default `row`.' },
    when: str('WHEN condition: an SQL boolean expression over OLD/NEW.'),
    function: str('Trigger function to call, e.g. `update_updated_at_column` or `public.handle_new_user` (unqualified names are in public).'),
    args: strings('Literal string arguments passed to the trigger function (TG_ARGV).'),
    enabled: bool('`false`: the trigger exists but is disabled (ALTER TABLE ... DISABLE TRIGGER); default `true`.'),
    constraint: {
      description: 'CREATE CONSTRAINT TRIGGER (an `after` row trigger): `true` for NOT DEFERRABLE, `deferrable` for DEFERRABLE INITIALLY IMMEDIATE, `initially deferred` to fire at commit.',
      anyOf: [{ type: 'boolean' }, { enum: ['deferrable', 'initially deferred'] }],
    },
    comment: str('COMMENT ON TRIGGER.'),
  },
  ['function'],
);

/** `validated:` of a foreign key or a check. */
const validated = bool('`false`: added NOT VALID and kept so (the rows already there are not checked; new rows are); changing it to `true` validates. Default true.');

const references = obj(
  'Foreign key from this column.',
  {
    table: str('Referenced table, e.g. `auth.users` or `profiles` (unqualified names are in public).'),
    column: str("Referenced column; default: the referenced table's single-column primary key (or `id`)."),
    on_delete: { ...referentialAction, description: 'ON DELETE action; default `no action` (the checklist asks you to state it).' },
    on_update: { ...referentialAction, description: 'ON UPDATE action; default `no action`.' },
    name: str('Constraint name; default `<table>_<column>_fkey` (as PostgreSQL names it).'),
    deferrable,
    validated,
  },
  ['table'],
);

const shapeTypes = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'];
/** `shape:` of a json/jsonb column: the JSON Schema subset the generators, `check --data` and the planner understand. */
const jsonShape = obj('A JSON Schema subset describing the values of a json/jsonb column (or of one property or array item).', {
  type: {
    description: 'JSON type: object, array, string, number, integer, boolean or null; or a list of them.',
    anyOf: [{ enum: shapeTypes }, { type: 'array', items: { enum: shapeTypes }, minItems: 1, uniqueItems: true }],
  },
  properties: mapOf('Object properties: name -> shape.', ref('json_shape', 'Shape of the property.')),
  required: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Properties every object must have.' },
  additionalProperties: {
    description: '`false`: no other properties allowed; a shape: other properties must match it. Default: allowed, untyped.',
    anyOf: [{ type: 'boolean' }, ref('json_shape', 'Shape of the other properties.')],
  },
  items: ref('json_shape', 'Shape of every array item.'),
  enum: { type: 'array', minItems: 1, description: 'The allowed values.' },
  default: { description: 'On a property: its value for objects that lack it.' },
  renamed_from: str('On a property: its previous name; the plan moves existing values to the new name.'),
  description: str('What the value means (a comment in the generated code).'),
});

const column = obj(
  'A column.',
  {
    type: str('SQL type as written in PostgreSQL: `uuid`, `text`, `timestamptz`, `varchar(20)`, `numeric(10,2)`, `text[]`, or a spec enum/domain name.', { minLength: 1 }),
    not_null: bool('NOT NULL. Primary key columns are always NOT NULL.'),
    default: {
      description: 'DEFAULT: a string is an SQL expression (`now()`, `gen_random_uuid()`); a boolean or number is that literal; on an enum column a value of the enum is that value; on json/jsonb a YAML map or list is that JSON.',
    },
    primary_key: bool('This column is the primary key (for a composite key use the table-level `primary_key`).'),
    unique: bool('UNIQUE constraint on this column, named `<table>_<column>_key`.'),
    references,
    identity: {
      description: 'GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY (integer types): `always` or `by default`, or the long form with the sequence options, e.g. `{ generated: always, start: 100, increment: 10 }`.',
      anyOf: [
        { enum: ['always', 'by default'] },
        obj(
          'An identity column with sequence options; options left out take the defaults for the column type.',
          {
            generated: { enum: ['always', 'by default'], description: 'GENERATED ALWAYS (inserts may not set it) or BY DEFAULT.' },
            start: int('START WITH; default min (max when descending).'),
            increment: int('INCREMENT BY; default 1.'),
            min: int('MINVALUE; default 1 (the type minimum when descending).'),
            max: int("MAXVALUE; default the type's maximum (-1 when descending)."),
            cache: int('CACHE; default 1.'),
            cycle: bool('CYCLE: wrap around at the bound.'),
          },
          ['generated'],
        ),
      ],
    },
    sequence_comment: str("COMMENT ON SEQUENCE of the identity column's sequence (`identity:` columns only)."),
    generated: str('GENERATED ALWAYS AS (expression) STORED: the SQL expression.'),
    collation: str('COLLATE clause, e.g. `C` or `und-x-icu`.'),
    comment: str('COMMENT ON COLUMN.'),
    renamed_from: str('Previous name of this column: the plan renames it instead of dropping and adding.'),
    backfill: str('SQL expression that fills existing rows when this NOT NULL column is added without a default.'),
    time_zone: {
      type: 'string',
      pattern: '^[A-Za-z][A-Za-z0-9_+/-]*$',
      description: 'Zone the values of a `timestamp` (without time zone) column were written in, e.g. `Europe/Paris`: changing the column to `timestamptz` reads them in that zone (default `UTC`), whatever the session time zone.',
    },
    enforce_shape: bool('With `shape`: the database enforces it with a CHECK constraint `<table>_<column>_shape` in plain SQL (types, enum, required, properties, `additionalProperties: false`, item types), added NOT VALID then validated. Default false.'),
    shape: ref('json_shape', 'json/jsonb only: the JSON Schema subset values follow; types the generated models and TypeScript, checked by `schema check --data`.'),
    waive,
  },
  ['type'],
);

const index = obj(
  'An index that does not back a constraint.',
  {
    name: str('Index name; default `<table>_<columns>_idx` (as PostgreSQL names it, truncated to 63 bytes).'),
    columns: {
      type: 'array',
      minItems: 1,
      description: 'Key columns in order: column names (optionally followed by an operator class, ASC/DESC, NULLS FIRST/LAST) or SQL expressions in parentheses, e.g. `(lower(email))`.',
      items: { type: 'string', minLength: 1 },
    },
    unique: bool('UNIQUE index.'),
    where: str('Partial index predicate: an SQL boolean expression.'),
    using: str('Access method, e.g. `btree` (default), `gin`, `gist`, `brin`, `hash`.'),
    include: strings('INCLUDE columns (covering index).'),
    nulls_not_distinct: bool('NULLS NOT DISTINCT (PostgreSQL 15+).'),
    with: storageParameters('Storage parameters (WITH (...)), e.g. `{ fillfactor: 70 }`, `{ fastupdate: off }`.'),
    comment: str('COMMENT ON INDEX.'),
  },
  ['columns'],
);

const policy = obj('A row level security policy.', {
  for: { enum: ['all', 'select', 'insert', 'update', 'delete'], description: 'Command the policy applies to; default `all`.' },
  to: {
    description: 'Role or roles the policy applies to; default `public` (every role).',
    anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
  },
  using: str('USING: SQL boolean expression deciding which existing rows are visible/affected.'),
  check: str('WITH CHECK: SQL boolean expression new rows must satisfy.'),
  as: { enum: ['permissive', 'restrictive'], description: 'PERMISSIVE (default) or RESTRICTIVE.' },
  comment: str('COMMENT ON POLICY.'),
});

const uniqueConstraint = {
  description: 'Columns of the unique constraint, or `{ columns, nulls_not_distinct, deferrable, comment, index_comment }`.',
  anyOf: [
    { type: 'array', items: { type: 'string' }, minItems: 1 },
    obj(
      'Unique constraint.',
      {
        columns: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Constrained columns.' },
        nulls_not_distinct: bool('NULLS NOT DISTINCT (PostgreSQL 15+).'),
        deferrable,
        comment: str('COMMENT ON CONSTRAINT.'),
        index_comment: str('COMMENT ON INDEX of the index behind the constraint (named like it).'),
      },
      ['columns'],
    ),
  ],
};

const checkConstraint = {
  description: 'SQL boolean expression, or `{ check, no_inherit, comment }`.',
  anyOf: [
    { type: 'string', minLength: 1 },
    obj(
      'Check constraint.',
      {
        check: str('SQL boolean expression.', { minLength: 1 }),
        no_inherit: bool('NO INHERIT: the check does not apply to child tables.'),
        comment: str('COMMENT ON CONSTRAINT.'),
        validated,
      },
      ['check'],
    ),
  ],
};

const exclusion = obj(
  'An exclusion constraint (EXCLUDE USING ...).',
  {
    using: str('Index access method; default `gist`.'),
    elements: {
      type: 'array',
      minItems: 1,
      description: 'Elements as `[element, operator]` pairs, e.g. `[[room_id, =], [during, "&&"]]`: a column (optionally with an operator class) or an SQL expression in parentheses, and the operator.',
      items: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 2, maxItems: 2 },
    },
    include: strings('INCLUDE columns.'),
    where: str('Partial constraint predicate: an SQL boolean expression.'),
    deferrable,
    comment: str('COMMENT ON CONSTRAINT.'),
    index_comment: str('COMMENT ON INDEX of the index behind the constraint (named like it).'),
  },
  ['elements'],
);

const foreignKey = obj(
  'A (multi-column) foreign key.',
  {
    columns: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Referencing columns of this table.' },
    references: obj('Referenced table and columns.', {
      table: str('Referenced table.'),
      columns: { type: 'array', items: { type: 'string' }, minItems: 1, description: "Referenced columns; default: the referenced table's primary key." },
    }, ['table']),
    on_delete: { ...referentialAction, description: 'ON DELETE action; default `no action`.' },
    on_update: { ...referentialAction, description: 'ON UPDATE action; default `no action`.' },
    deferrable,
    match: { enum: ['simple', 'full'], description: 'MATCH FULL (all referencing columns null, or none); default `simple`.' },
    comment: str('COMMENT ON CONSTRAINT.'),
    validated,
  },
  ['columns', 'references'],
);

const accessValue = { description: 'A value, sent as an SQL literal (maps and lists as JSON).' };
const accessRow = mapOf('A row: column -> value.', accessValue);
const accessTest = obj(
  'An access test: as a role with JWT claims, given rows, one operation is allowed or denied. Run by `schema test` and by `plan` on the proposed state, each in a transaction that rolls back.',
  {
    as: str('Role the operation runs as (SET LOCAL ROLE), e.g. `authenticated` or `anon`.', { minLength: 1 }),
    claims: mapOf('JWT claims seen by `auth.uid()` and `auth.jwt()` (request.jwt.claims); `role` defaults to `as`.', {}),
    given: mapOf('Rows inserted first with row level security bypassed: table -> list of rows (column -> value), inserted in this order.', { type: 'array', items: accessRow }),
    select: obj('Count the rows the role sees.', { where: str('Only rows matching this SQL boolean expression.'), count: int('How many rows the role must see.') }),
    insert: { ...accessRow, description: 'Insert this row (column -> value).' },
    update: obj('Update rows.', { set: { ...accessRow, description: 'Columns to set: column -> value.' }, where: str('Rows to update: an SQL boolean expression; default all.') }, ['set']),
    delete: obj('Delete rows.', { where: str('Rows to delete: an SQL boolean expression; default all.') }),
    expect: { enum: ['allowed', 'denied'], description: '`allowed` (default): the operation succeeds, and an update or delete touches a row; `denied`: it fails with a permission error, or (update, delete) touches no row.' },
  },
  ['as'],
);

const table = obj(
  'A managed table.',
  {
    comment: str('COMMENT ON TABLE.'),
    owner: str('Owning role (ALTER ... OWNER TO); absent: the role that runs the migration owns it.', { minLength: 1 }),
    renamed_from: str('Previous name of this table (same schema unless qualified): the plan renames it.'),
    columns: mapOf('Columns in order: name -> definition.', ref('column', 'A column.')),
    primary_key: {
      description: 'Composite primary key: a list of columns, or `{ name, columns, deferrable, comment, index_comment }`.',
      anyOf: [
        { type: 'array', items: { type: 'string' }, minItems: 1 },
        obj(
          'Primary key.',
          {
            name: str('Constraint name; default `<table>_pkey`.'),
            columns: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Key columns.' },
            deferrable,
            comment: str('COMMENT ON CONSTRAINT.'),
            index_comment: str('COMMENT ON INDEX of the index behind the constraint (named like it).'),
          },
          ['columns'],
        ),
      ],
    },
    unique: mapOf('Unique constraints: name -> columns.', uniqueConstraint),
    checks: mapOf('Check constraints: name -> SQL boolean expression, or `{ check, no_inherit, comment }`.', checkConstraint),
    exclusions: mapOf('Exclusion constraints: name -> `{ using, elements, include, where, deferrable, comment }`.', ref('exclusion', 'An exclusion constraint.')),
    foreign_keys: mapOf('Multi-column foreign keys: constraint name -> definition.', ref('foreign_key', 'A foreign key.')),
    indexes: { type: 'array', description: 'Indexes.', items: ref('index', 'An index.') },
    rls: bool('ENABLE ROW LEVEL SECURITY. Required (with policies) for tables exposed by the Data API.'),
    force_rls: bool('FORCE ROW LEVEL SECURITY (applies policies to the table owner too).'),
    policies: mapOf('Row level security policies: name -> policy.', ref('policy', 'A policy.')),
    triggers: mapOf('Triggers: name -> trigger.', ref('trigger', 'A trigger.')),
    grants: grants(
      'Privileges per role (`anon`, `authenticated`, `service_role`, ...): table privileges, `all` for every one, and column privileges as `{ update: [display_name, bio] }`; `select with grant option` (or `all with grant option`, `{ select with grant option: [id] }`) also lets the role grant it on. The grants are exact: a role holding privileges on the table that is not named here has them revoked (but the owner and the platform roles).',
      tableOrColumnPrivilege,
    ),
    partition_by: str('PARTITION BY clause, e.g. `RANGE (created_at)`.'),
    partition_of: obj('This table is a partition of another.', { table: str('Parent table.'), bound: str('Partition bound, e.g. `FOR VALUES FROM (\'2024-01-01\') TO (\'2025-01-01\')` or `DEFAULT`.') }, ['table', 'bound']),
    with: storageParameters('Storage parameters (WITH (...); ALTER TABLE ... SET / RESET when they change), e.g. `{ fillfactor: 70, autovacuum_vacuum_scale_factor: 0.05 }`. Not on partitioned parents.'),
    publications: {
      description: 'Publications the table is a member of: a list (`[supabase_realtime]` streams the table to Supabase Realtime), or name -> `{ columns, where }` (PostgreSQL 15+).',
      anyOf: [
        { type: 'array', items: { type: 'string', minLength: 1 } },
        mapOf('Publication name -> column list and row filter (or empty).', {
          description: 'Membership options (or empty).',
          anyOf: [{ type: 'null' }, obj('Publication membership.', { columns: strings('Published columns (a column list).'), where: str('Row filter: an SQL boolean expression.') })],
        }),
      ],
    },
    replica_identity: {
      description: 'REPLICA IDENTITY; `full` publishes the old row on update and delete (Realtime filters and old records need it); `{ index: name }` is USING INDEX (a unique index of the table on NOT NULL columns).',
      anyOf: [{ enum: ['default', 'full', 'nothing'] }, obj('REPLICA IDENTITY USING INDEX.', { index: str('The unique index whose columns identify the old row.', { minLength: 1 }) }, ['index'])],
    },
    waive,
    tests: mapOf('Access tests: name -> case (see access_test).', ref('access_test', 'An access test.')),
  },
  ['columns'],
);

const functionArg = obj(
  'A function argument.',
  {
    name: str('Argument name.'),
    type: str('Argument type.', { minLength: 1 }),
    mode: { enum: ['in', 'out', 'inout', 'variadic'], description: 'Argument mode; default `in`.' },
    default: str('Default: an SQL expression.'),
  },
  ['type'],
);

const fn = obj(
  'A function or procedure, created with CREATE OR REPLACE.',
  {
    args: {
      description: 'Arguments: a list of `{ name, type, mode, default }`, or the raw argument list (`a integer, b text`).',
      anyOf: [{ type: 'array', items: ref('function_arg', 'An argument.') }, { type: 'string' }],
    },
    returns: str('Return type, e.g. `trigger`, `void`, `uuid`, `setof public.notifications`, `table (id uuid)`. Default `void`.'),
    language: str('Language; default `plpgsql`.'),
    body: str('Function body (the text between the dollar quotes).'),
    volatility: { enum: ['volatile', 'stable', 'immutable'], description: 'Volatility; default `volatile`.' },
    security: { enum: ['invoker', 'definer'], description: 'SECURITY INVOKER (default) or DEFINER (then set `search_path`).' },
    strict: bool('STRICT (returns null on null input).'),
    leakproof: bool('LEAKPROOF (no side channel on its arguments; superuser only).'),
    parallel: { enum: ['unsafe', 'restricted', 'safe'], description: 'PARALLEL safety; default `unsafe`.' },
    cost: { type: 'number', exclusiveMinimum: 0, description: 'Estimated execution cost (COST), in units of cpu_operator_cost.' },
    rows: { type: 'number', exclusiveMinimum: 0, description: 'Estimated number of rows a set-returning function returns (ROWS).' },
    search_path: str("SET search_path for the function, e.g. `public, pg_temp` or `''`."),
    set: mapOf('Other settings applied while the function runs (SET name = value), e.g. `statement_timeout: 5s`.', { type: 'string' }),
    procedure: bool('A procedure (CREATE PROCEDURE) rather than a function.'),
    grants: grants('EXECUTE grants per role (`execute with grant option` lets the role grant it on).', privilegeEnum('execute')),
    hook: {
      enum: ['custom_access_token', 'send_sms', 'send_email', 'mfa_verification_attempt', 'password_verification_attempt', 'before_user_created'],
      description: 'A Supabase Auth hook: EXECUTE for `supabase_auth_admin` only, revoked from `anon`, `authenticated`, `service_role` and PUBLIC by construction.',
    },
    comment: str('COMMENT ON FUNCTION.'),
    owner: str('Owning role (ALTER ... OWNER TO); absent: the role that runs the migration owns it.', { minLength: 1 }),
  },
  ['body'],
);

const enumLong = obj(
  'Enum with options.',
  {
    values: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Values in order.' },
    remap: mapOf('Old value -> new value: rows are updated before an old value is removed.', { type: 'string' }),
    comment: str('COMMENT ON TYPE.'),
    owner: str('Owning role (ALTER ... OWNER TO); absent: the role that runs the migration owns it.', { minLength: 1 }),
  },
  ['values'],
);

export const SPEC_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://schema.dev/spec.schema.json',
  title: 'schema spec',
  description: 'One YAML file of a `schema` spec. All files under the schema directory are merged; each object is declared once.',
  type: 'object',
  additionalProperties: false,
  patternProperties: {
    '^x-': { description: 'Ignored: a place for YAML anchors (`&name`) reused with aliases (`*name`) in the same file.' },
  },
  properties: {
    schemas: mapOf('Managed schemas (default: public only). Objects may only live in managed schemas.', {
      description: 'Schema options (or empty).',
      anyOf: [
        { type: 'null' },
        obj('Schema options.', {
          grants: grants(
            'Privileges on the schema per role: `usage` (reach its objects; the Data API roles need it on every exposed schema), `create`, `all`. Only a schema that declares grants has its privileges managed; `role: []` revokes everything from the role.',
            privilegeEnum('usage', 'create'),
          ),
          comment: str('COMMENT ON SCHEMA.'),
          owner: str('Owning role (ALTER ... OWNER TO); absent: the role that runs the migration owns it.', { minLength: 1 }),
          default_privileges: mapOf(
            'ALTER DEFAULT PRIVILEGES FOR ROLE <key> IN SCHEMA: what the objects that role creates here later get. Each declared role and object kind is managed exactly (`authenticated: []` revokes); the others are left alone.',
            defaultPrivilegesOfRole,
          ),
        }),
      ],
    }),
    extensions: mapOf('Extensions to create: name -> options (or empty).', {
      description: 'Extension options (or empty).',
      anyOf: [{ type: 'null' }, obj('Extension options.', { schema: str('Schema to install into; default `extensions` with the supabase preset, else `public`.') })],
    }),
    enums: mapOf('Enum types: name -> list of values, or `{ values, remap, comment, owner }`.', {
      description: 'Values in order, or the long form.',
      anyOf: [{ type: 'array', items: { type: 'string' }, minItems: 1 }, enumLong],
    }),
    domains: mapOf('Domains: name -> definition.', ref('domain', 'A domain.')),
    types: mapOf('Composite types (CREATE TYPE name AS (...)): name -> attributes.', ref('composite_type', 'A composite type.')),
    sequences: mapOf('Sequences: name -> options.', ref('sequence', 'A sequence.')),
    tables: mapOf('Managed tables: name (optionally `schema.name`) -> definition.', ref('table', 'A table.')),
    external: mapOf('Tables outside the managed scope (e.g. `auth.users`) that the spec references or owns triggers on; never created or dropped.', {
      description: 'External table (or empty).',
      anyOf: [{ type: 'null' }, ref('external_table', 'External table.')],
    }),
    functions: mapOf('Functions: name (optionally `schema.name`) -> definition.', ref('function', 'A function.')),
    views: mapOf('Views: name -> definition.', ref('view', 'A view.')),
    buckets: mapOf('Supabase Storage buckets, rows of `storage.buckets` the spec manages: id -> options (or empty). Once present, buckets not listed are deleted.', {
      description: 'Bucket options (or empty).',
      anyOf: [
        { type: 'null' },
        obj('A bucket.', {
          public: bool('Objects are readable by their public URL, without a token; default false.'),
          file_size_limit: { type: 'integer', minimum: 0, description: 'Largest object in bytes; default no limit.' },
          allowed_mime_types: strings('MIME types an upload may have (`image/png`, `image/*`); default any.'),
        }),
      ],
    }),
    default_privileges: mapOf(
      'ALTER DEFAULT PRIVILEGES FOR ROLE <key> without IN SCHEMA: what the objects that role creates in any schema get. Each declared role and object kind is managed: the grantees named get exactly what is listed, the others (the role itself, PUBLIC) keep the built-in defaults unless named (`public: []` revokes EXECUTE on functions or USAGE on types from PUBLIC).',
      defaultPrivilegesOfRole,
    ),
    cron_jobs: mapOf('pg_cron jobs of this database, scheduled by name: name -> job. Once present, named jobs not listed are unscheduled.', ref('cron_job', 'A pg_cron job.')),
    publications: mapOf(
      'Publications (logical replication) the spec manages: name -> options (or empty). Tables join one with their `publications`. Once present, publications not listed are dropped (never the platform\'s `supabase_realtime`, nor FOR ALL TABLES ones).',
      {
        description: 'Publication options (or empty).',
        anyOf: [
          { type: 'null' },
          obj('A publication.', {
            publish: {
              type: 'array',
              description: 'Operations published (insert, update, delete, truncate); default all four.',
              items: { enum: ['insert', 'update', 'delete', 'truncate'] },
              uniqueItems: true,
            },
            publish_via_partition_root: bool('Publish changes of partitions as changes of their root table; default false.'),
            schemas: { type: 'array', description: 'FOR TABLES IN SCHEMA: every table of these schemas, present and future (PostgreSQL 15+).', items: { type: 'string', minLength: 1 }, uniqueItems: true },
            owner: str('Owning role; default the role that applies the plan.', { minLength: 1 }),
            comment: str('COMMENT ON PUBLICATION.'),
          }),
        ],
      },
    ),
  },
  $defs: {
    column,
    json_shape: jsonShape,
    index,
    policy,
    trigger,
    table,
    foreign_key: foreignKey,
    exclusion,
    function: fn,
    function_arg: functionArg,
    composite_type: obj(
      'A composite type: a row of named, typed attributes, usable as a column type.',
      {
        attributes: {
          type: 'object',
          description: 'Attribute name -> SQL type, in order, e.g. `{ street: text, city: text }`. Attributes are added, dropped or retyped in place (ALTER TYPE ... ADD / DROP / ALTER ATTRIBUTE).',
          minProperties: 1,
          additionalProperties: { type: 'string', minLength: 1 },
        },
        comment: str('COMMENT ON TYPE.'),
      },
      ['attributes'],
    ),
    domain: obj(
      'A domain over a base type.',
      {
        type: str('Base type.', { minLength: 1 }),
        not_null: bool('NOT NULL.'),
        default: { description: 'DEFAULT: an SQL expression (strings), or a literal boolean/number.' },
        checks: mapOf('Check constraints: name -> SQL boolean expression over VALUE.', { type: 'string', minLength: 1 }),
        collation: str('COLLATE clause, e.g. `C`.'),
        comment: str('COMMENT ON DOMAIN.'),
        owner: str('Owning role (ALTER ... OWNER TO); absent: the role that runs the migration owns it.', { minLength: 1 }),
      },
      ['type'],
    ),
    sequence: obj('A sequence.', {
      type: { enum: ['smallint', 'integer', 'bigint'], description: 'Data type; default `bigint`.' },
      start: int('START WITH; default 1.'),
      increment: int('INCREMENT BY; default 1.'),
      min: int('MINVALUE; default 1.'),
      max: int("MAXVALUE; default the type's maximum."),
      cache: int('CACHE; default 1.'),
      cycle: bool('CYCLE.'),
      owned_by: str('OWNED BY `table.column`.'),
      grants: grants(
        'Privileges per role: `usage` (nextval), `select` (currval), `update` (setval), `all`. A table granting `insert` or `update` to a role already gives it `usage` on the sequences its column defaults call.',
        privilegeEnum('usage', 'select', 'update'),
      ),
      implied_usage: bool(
        '`false`: a table granting `insert` or `update` does not give `usage` on this sequence; only its own `grants` do (default `true`).',
      ),
      comment: str('COMMENT ON SEQUENCE.'),
      owner: str('Owning role (ALTER ... OWNER TO); absent: the role that runs the migration owns it.', { minLength: 1 }),
    }),
    view: obj(
      'A view.',
      {
        query: str('The SELECT query.'),
        materialized: bool('A materialized view.'),
        security_invoker: bool('security_invoker=true (PostgreSQL 15+): RLS of the caller applies.'),
        security_barrier: bool('security_barrier=true: conditions of the view are applied before user functions.'),
        check_option: { enum: ['local', 'cascaded'], description: 'WITH LOCAL / CASCADED CHECK OPTION: rows written through the view must satisfy it.' },
        indexes: { type: 'array', description: 'Indexes (materialized views only).', items: ref('index', 'An index.') },
        grants: grants('Privileges per role.', tablePrivilege),
        comment: str('COMMENT ON VIEW.'),
        column_comments: mapOf('COMMENT ON COLUMN of the view: column name -> comment.', { type: 'string' }),
        owner: str('Owning role (ALTER ... OWNER TO); absent: the role that runs the migration owns it.', { minLength: 1 }),
      },
      ['query'],
    ),
    access_test: accessTest,
    external_table: obj('An external (unmanaged) table.', {
      columns: strings('Columns the spec relies on (checked by references); optional.'),
      triggers: mapOf('Triggers the spec owns on this table.', ref('trigger', 'A trigger.')),
      policies: mapOf('Policies the spec owns on this platform table (`storage.objects`, `storage.buckets`, `realtime.messages`): name -> policy. Once present, policies not listed are dropped.', ref('policy', 'A policy.')),
    }),
    cron_job: obj(
      'A pg_cron job.',
      {
        schedule: str('Cron syntax (`0 3 * * *`, `*/5 * * * *`) or an interval (`30 seconds`).', { minLength: 1 }),
        command: str('The SQL statement the job runs.', { minLength: 1 }),
        active: bool('`false`: the job exists but does not run; default true.'),
      },
      ['schedule', 'command'],
    ),
  },
} as const;
