/** Pure: the rows of the catalog queries become one Catalog. */
import type {
  Catalog,
  Column,
  Constraint,
  ConstraintKind,
  Grants,
  Index,
  Policy,
  PolicyCommand,
  PrivilegeName,
  ReferentialAction,
  Table,
  Trigger,
  TriggerEvent,
  View,
} from '../types.js';
import { qualifiedName } from '../names.js';
import { aclPairs } from './acl.js';
import { indexColumns } from './index-keys.js';
import type { QueryName } from './queries.js';

type R = Record<string, unknown>;
export type QueryRows = Readonly<Record<QueryName, readonly R[]>>;

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const opt = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));
const strs = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Adds `comment` (and other optional fields) only when present, so absent keys stay absent. */
function withOptional<T extends object>(base: T, optional: Record<string, string | undefined>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) out[key] = value;
  return out as T;
}

const PRIVILEGE_ORDER: readonly PrivilegeName[] = [
  'select',
  'insert',
  'update',
  'delete',
  'truncate',
  'references',
  'trigger',
  'execute',
  'usage',
];

function grantsOf(row: R): Grants {
  const pairs = aclPairs(row['acl'], str(row['owner']));
  const byRole = new Map<string, Set<PrivilegeName>>();
  for (const [role, privilege] of pairs) {
    const set = byRole.get(role) ?? new Set<PrivilegeName>();
    set.add(privilege.toLowerCase() as PrivilegeName);
    byRole.set(role, set);
  }
  const out: Record<string, PrivilegeName[]> = {};
  for (const role of [...byRole.keys()].sort()) {
    out[role] = PRIVILEGE_ORDER.filter((p) => byRole.get(role)!.has(p));
  }
  return out;
}

const ACTIONS: Record<string, ReferentialAction> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};
const MATCH: Record<string, 'simple' | 'full' | 'partial'> = { s: 'simple', f: 'full', p: 'partial' };
const CONSTRAINT_KINDS: Record<string, ConstraintKind> = {
  p: 'primary_key',
  u: 'unique',
  c: 'check',
  f: 'foreign_key',
  x: 'exclusion',
};
const POLICY_COMMANDS: Record<string, PolicyCommand> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' };

function constraintOf(row: R): Constraint {
  const kind = CONSTRAINT_KINDS[str(row['type'])]!;
  const base: Constraint = {
    name: str(row['name']),
    kind,
    columns: strs(row['columns']),
    definition: str(row['definition']),
    validated: row['validated'] === true,
    deferrable: row['deferrable'] === true,
    initiallyDeferred: row['deferred'] === true,
    ...(kind === 'foreign_key'
      ? {
          foreignKey: {
            table: str(row['ref_table']),
            columns: strs(row['ref_columns']),
            onDelete: ACTIONS[str(row['on_delete'])] ?? 'no action',
            onUpdate: ACTIONS[str(row['on_update'])] ?? 'no action',
            match: MATCH[str(row['match'])] ?? 'simple',
          },
        }
      : {}),
  };
  return withOptional(base, { check: opt(row['check_expr']), comment: opt(row['comment']) });
}

/** Key elements (with ordering and operator class) and INCLUDE columns, parsed from the pretty definition. */
function indexColumnsOf(row: R): { keys: string[]; include: string[] } {
  const text = str(row['pretty_definition'] ?? row['definition']);
  const parsed = indexColumns(text);
  const nkeys = Number(row['nkeys']);
  const ncols = Number(row['ncols']);
  if (!parsed || parsed.keys.length !== nkeys || parsed.keys.length + parsed.include.length !== ncols) {
    throw new Error(`cannot read the columns of index ${str(row['name'])} from: ${text}`);
  }
  return parsed;
}

function indexOf(row: R): Index {
  const { keys, include } = indexColumnsOf(row);
  return withOptional(
    {
      name: str(row['name']),
      unique: row['unique'] === true,
      method: str(row['method']),
      keys,
      include,
      nullsNotDistinct: row['nulls_not_distinct'] === true,
      definition: str(row['definition']),
    },
    { where: opt(row['where']), comment: opt(row['comment']) },
  );
}

/** Decodes `tgtype` bits (see pg_trigger.h). */
function triggerOf(row: R): Trigger {
  const type = Number(row['type']);
  const events: TriggerEvent[] = [];
  if (type & 4) events.push('insert');
  if (type & 8) events.push('delete');
  if (type & 16) events.push('update');
  if (type & 32) events.push('truncate');
  events.sort();
  const timing = type & 64 ? 'instead of' : type & 2 ? 'before' : 'after';
  const definition = str(row['definition']);
  const nargs = Number(row['nargs']);
  // tgargs is NUL-separated, each argument NUL-terminated; `escape` encoding shows NUL as \000.
  const args = nargs > 0 ? str(row['args_raw']).split('\\000').slice(0, nargs).map(unescapeBytea) : [];
  return withOptional(
    {
      name: str(row['name']),
      timing,
      events,
      updateOf: strs(row['update_of']),
      forEach: type & 1 ? 'row' : 'statement',
      function: str(row['function']),
      args,
      definition,
      enabled: row['enabled'] === true,
    },
    { when: whenClauseOf(definition), comment: opt(row['comment']) },
  );
}

/** `escape`-encoded bytea keeps backslashes doubled; undo that. */
function unescapeBytea(text: string): string {
  return text.replaceAll('\\\\', '\\');
}

/** The WHEN condition of a trigger definition as Postgres printed it. */
function whenClauseOf(definition: string): string | undefined {
  const start = definition.indexOf(' WHEN (');
  const end = definition.lastIndexOf(') EXECUTE ');
  if (start < 0 || end < start) return undefined;
  return definition.slice(start + ' WHEN ('.length, end);
}

function policyOf(row: R): Policy {
  return withOptional(
    {
      name: str(row['name']),
      command: POLICY_COMMANDS[str(row['command'])] ?? 'all',
      permissive: row['permissive'] === true,
      roles: strs(row['roles']).sort(),
    },
    { using: opt(row['using_expr']), check: opt(row['check_expr']), comment: opt(row['comment']) },
  );
}

function columnOf(row: R): Column {
  const identity = opt(row['identity']) as Column['identity'];
  return withOptional(
    { name: str(row['name']), type: str(row['type']), notNull: row['not_null'] === true },
    {
      default: opt(row['default']),
      generated: opt(row['generated']),
      identity,
      collation: opt(row['collation']),
      comment: opt(row['comment']),
    },
  );
}

/** `public`'s stock comment is initdb's, not the user's: leave it out so it never shows as a change. */
function schemaComment(row: R): string | undefined {
  const comment = opt(row['comment']);
  return str(row['name']) === 'public' && comment === 'standard public schema' ? undefined : comment;
}

function groupBy(rows: readonly R[], key: string): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const row of rows) {
    const k = str(row[key]);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

function keyed<T extends { name: string }>(items: readonly T[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) out[item.name] = item;
  return out;
}

export function assembleCatalog(rows: QueryRows): Catalog {
  const columnsByRel = groupBy(rows.columns, 'rel');
  const constraintsByRel = groupBy(rows.constraints, 'rel');
  const indexesByRel = groupBy(rows.indexes, 'rel');
  const policiesByRel = groupBy(rows.policies, 'rel');
  const triggerRows = rows.triggers.filter((row) => row['managed_table'] === true);
  const triggersByRel = groupBy(triggerRows, 'rel');

  const tables: Record<string, Table> = {};
  for (const row of rows.tables) {
    const rel = str(row['oid']);
    const parent = opt(row['partition_parent']);
    const table: Table = withOptional(
      {
        schema: str(row['schema']),
        name: str(row['name']),
        kind: row['partitioned'] === true ? ('partitioned' as const) : ('table' as const),
        ...(parent ? { partitionOf: { parent, bound: str(row['partition_bound']) } } : {}),
        columns: (columnsByRel.get(rel) ?? []).map(columnOf),
        constraints: keyed((constraintsByRel.get(rel) ?? []).map(constraintOf)),
        indexes: keyed((indexesByRel.get(rel) ?? []).map(indexOf)),
        triggers: keyed((triggersByRel.get(rel) ?? []).map(triggerOf)),
        policies: keyed((policiesByRel.get(rel) ?? []).map(policyOf)),
        rls: row['rls'] === true,
        forceRls: row['force_rls'] === true,
        grants: grantsOf(row),
      },
      { partitionBy: opt(row['partition_by']), comment: opt(row['comment']) },
    );
    tables[qualifiedName(table.schema, table.name)] = table;
  }

  const views: Record<string, View> = {};
  for (const row of rows.views) {
    const rel = str(row['oid']);
    const view: View = withOptional(
      {
        schema: str(row['schema']),
        name: str(row['name']),
        materialized: row['materialized'] === true,
        definition: str(row['definition']),
        options: strs(row['options']).sort(),
        columns: (columnsByRel.get(rel) ?? []).map((c) => str(c['name'])),
        grants: grantsOf(row),
        indexes: keyed((indexesByRel.get(rel) ?? []).map(indexOf)),
      },
      { comment: opt(row['comment']) },
    );
    views[qualifiedName(view.schema, view.name)] = view;
  }

  const externalTriggers: Record<string, Trigger & { table: string }> = {};
  for (const row of rows.triggers.filter((r) => r['managed_table'] !== true)) {
    const table = qualifiedName(str(row['table_schema']), str(row['table_name']));
    const trigger = triggerOf(row);
    externalTriggers[`${table}.${trigger.name}`] = { ...trigger, table };
  }

  return {
    schemas: Object.fromEntries(
      rows.schemas.map((row) => [str(row['name']), withOptional({ name: str(row['name']) }, { comment: schemaComment(row) })]),
    ),
    extensions: Object.fromEntries(
      rows.extensions.map((row) => [str(row['name']), { name: str(row['name']), schema: str(row['schema']) }]),
    ),
    enums: Object.fromEntries(
      rows.enums.map((row) => [
        qualifiedName(str(row['schema']), str(row['name'])),
        withOptional(
          { schema: str(row['schema']), name: str(row['name']), values: strs(row['values']) },
          { comment: opt(row['comment']) },
        ),
      ]),
    ),
    domains: Object.fromEntries(
      rows.domains.map((row) => [
        qualifiedName(str(row['schema']), str(row['name'])),
        withOptional(
          {
            schema: str(row['schema']),
            name: str(row['name']),
            type: str(row['type']),
            notNull: row['not_null'] === true,
            checks: (row['checks'] ?? {}) as Record<string, string>,
          },
          { default: opt(row['default']), collation: opt(row['collation']), comment: opt(row['comment']) },
        ),
      ]),
    ),
    sequences: Object.fromEntries(
      rows.sequences.map((row) => [
        qualifiedName(str(row['schema']), str(row['name'])),
        withOptional(
          {
            schema: str(row['schema']),
            name: str(row['name']),
            type: str(row['type']),
            start: str(row['start']),
            increment: str(row['increment']),
            min: str(row['min']),
            max: str(row['max']),
            cache: str(row['cache']),
            cycle: row['cycle'] === true,
          },
          { ownedBy: opt(row['owned_by']), comment: opt(row['comment']) },
        ),
      ]),
    ),
    tables,
    functions: Object.fromEntries(
      rows.functions.map((row) => {
        const fn = withOptional(
          {
            schema: str(row['schema']),
            name: str(row['name']),
            kind: str(row['kind']) as 'function' | 'procedure',
            identityArgs: str(row['identity_args']),
            args: str(row['args']),
            language: str(row['language']),
            body: str(row['body']),
            volatility: str(row['volatility']) as 'volatile' | 'stable' | 'immutable',
            security: str(row['security']) as 'invoker' | 'definer',
            strict: row['strict'] === true,
            config: strs(row['config']).sort(),
            definition: str(row['definition']),
            grants: grantsOf(row),
          },
          { returns: opt(row['returns']), comment: opt(row['comment']) },
        );
        return [`${qualifiedName(fn.schema, fn.name)}(${fn.identityArgs})`, fn];
      }),
    ),
    views,
    externalTriggers,
  };
}
