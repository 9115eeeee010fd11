/** Comparing catalogs: equality of canonical JSON, and where two catalogs differ (for messages). */
import type { Catalog, DefaultObjects, DefaultPrivileges, Grants, SchemaDef } from './types.js';
import { catalogJson } from './normalize.js';
import { own } from '../util/object-keys.js';
import { withGrants } from './sequence-usage.js';
import { builtinDefaults, GLOBAL_DEFAULTS } from './global-defaults.js';

export function catalogsEqual(a: Catalog, b: Catalog): boolean {
  return catalogJson(a) === catalogJson(b);
}

const KINDS = ['schemas', 'extensions', 'enums', 'domains', 'composites', 'sequences', 'tables', 'functions', 'views', 'externalTriggers', 'externalPolicies', 'buckets', 'cronJobs', 'publications'] as const;

/** Object paths that differ, e.g. `tables.public.notifications`, sorted, at most `limit`. */
export function catalogDifferences(a: Catalog, b: Catalog, limit = 20): string[] {
  const out: string[] = [];
  for (const kind of KINDS) {
    const left = (a[kind] ?? {}) as Readonly<Record<string, unknown>>;
    const right = (b[kind] ?? {}) as Readonly<Record<string, unknown>>;
    for (const key of [...new Set([...Object.keys(left), ...Object.keys(right)])].sort()) {
      const l = own(left, key);
      const r = own(right, key);
      if (l === undefined) out.push(`${kind} ${key}: only in the second`);
      else if (r === undefined) out.push(`${kind} ${key}: only in the first`);
      else if (JSON.stringify(l) !== JSON.stringify(r)) out.push(`${kind} ${key}: ${fieldDifferences(l, r).join(', ')}`);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

function fieldDifferences(a: unknown, b: unknown): string[] {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return ['value'];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter(
    (key) => JSON.stringify(own(a as Record<string, unknown>, key)) !== JSON.stringify(own(b as Record<string, unknown>, key)),
  );
}

function projectGrants(grants: Grants, roles: ReadonlySet<string>): Grants {
  return Object.fromEntries(Object.entries(grants).filter(([role]) => roles.has(role)));
}

/**
 * The catalog as the spec manages it: privileges only for the roles the spec names, and on schemas
 * only for those in `schemaGrants` (grants to
 * other roles are the platform's business and never compared), constraint validation state
 * left out (a NOT VALID constraint being validated is the same schema), and columns in name order
 * (a column added later sits last; its position is not part of the schema the spec manages).
 */
export function projectCatalog(catalog: Catalog, managedRoles: readonly string[], schemaGrants: readonly string[] = [], defaultPrivileges: readonly string[] = []): Catalog {
  const roles = new Set(managedRoles);
  const grantsOfSchemas = new Set(schemaGrants);
  const declaredDefaults = new Set(defaultPrivileges);
  const { defaultPrivileges: globalDefaults, ...rest } = catalog;
  const global = projectGlobalDefaults(globalDefaults, declaredDefaults);
  return {
    ...rest,
    ...(global ? { defaultPrivileges: global } : {}),
    // A schema's privileges count only where the spec declares them (`schemas: { api: { grants: ... } }`).
    schemas: Object.fromEntries(
      Object.entries(catalog.schemas).map(([key, s]) => {
        const projected = s.grants || grantsOfSchemas.has(key) ? withGrants(s, grantsOfSchemas.has(key) ? projectGrants(s.grants ?? {}, roles) : {}) : s;
        return [key, withDefaultPrivileges(projected, projectDefaults(key, s.defaultPrivileges, declaredDefaults, roles))];
      }),
    ),
    tables: Object.fromEntries(
      Object.entries(catalog.tables).map(([key, table]) => [
        key,
        {
          ...table,
          // Column order is not managed: Postgres appends a column it adds and cannot move one.
          columns: [...table.columns]
            .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
            .map((c) => (c.grants ? withGrants(c, projectGrants(c.grants, roles)) : c)),
          grants: projectGrants(table.grants, roles),
          constraints: Object.fromEntries(
            Object.entries(table.constraints).map(([name, c]) => [
              name,
              { ...c, validated: true, definition: c.definition.replace(/\s+NOT VALID$/, '') },
            ]),
          ),
        },
      ]),
    ),
    sequences: Object.fromEntries(
      Object.entries(catalog.sequences).map(([key, s]) => [key, s.grants ? withGrants(s, projectGrants(s.grants, roles)) : s]),
    ),
    views: Object.fromEntries(
      Object.entries(catalog.views).map(([key, view]) => [key, { ...view, grants: projectGrants(view.grants, roles) }]),
    ),
    functions: Object.fromEntries(
      Object.entries(catalog.functions).map(([key, fn]) => [key, { ...fn, grants: projectGrants(fn.grants, roles) }]),
    ),
  };
}

/** The `schema\tFOR ROLE\tobjects` key of one declared default-privileges entry (PlanInputs.defaultPrivileges). */
export const defaultPrivilegesKey = (schema: string, forRole: string, objects: DefaultObjects): string => `${schema}\t${forRole}\t${objects}`;

/** A `defaultPrivilegesKey` read back. */
export function parseDefaultPrivilegesKey(key: string): { readonly schema: string; readonly forRole: string; readonly objects: DefaultObjects } {
  const [schema, forRole, objects] = key.split('\t') as [string, string, DefaultObjects];
  return { schema, forRole, objects };
}

/** Only the declared (role, objects) entries, granted to managed roles, each present even when empty. */
function projectDefaults(schema: string, defaults: DefaultPrivileges | undefined, declared: ReadonlySet<string>, roles: ReadonlySet<string>): DefaultPrivileges | undefined {
  const out: Record<string, Partial<Record<DefaultObjects, Grants>>> = {};
  for (const key of [...declared].sort()) {
    const { schema: s, forRole, objects } = parseDefaultPrivilegesKey(key);
    if (s !== schema) continue;
    const grants = Object.entries(projectGrants(defaults?.[forRole]?.[objects] ?? {}, roles)).filter(([, privileges]) => privileges.length > 0);
    (out[forRole] ??= {})[objects] = Object.fromEntries(grants.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The declared entries without IN SCHEMA, whole, the built-in defaults where there is no entry. */
function projectGlobalDefaults(defaults: DefaultPrivileges | undefined, declared: ReadonlySet<string>): DefaultPrivileges | undefined {
  const out: Record<string, Partial<Record<DefaultObjects, Grants>>> = {};
  for (const key of [...declared].sort()) {
    const { schema, forRole, objects } = parseDefaultPrivilegesKey(key);
    if (schema !== GLOBAL_DEFAULTS) continue;
    (out[forRole] ??= {})[objects] = defaults?.[forRole]?.[objects] ?? builtinDefaults(forRole, objects);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function withDefaultPrivileges(s: SchemaDef, defaults: DefaultPrivileges | undefined): SchemaDef {
  const { defaultPrivileges: _, ...rest } = s;
  return defaults ? { ...rest, defaultPrivileges: defaults } : rest;
}
