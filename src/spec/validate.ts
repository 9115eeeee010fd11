/**
 * Semantic checks of a loaded spec: references resolve, names are valid PostgreSQL names, SQL
 * fragments parse as exactly one expression/type. `errors` make the spec unusable (exit 2);
 * warnings are valid YAML that is most likely a mistake. The checklist rules run in rules/validate-spec.ts.
 */
import { checkReach } from './validate-reach.js';
import { checkPublications } from './validate-publications.js';
import { presetNamed, type PresetName } from '../presets/index.js';
import { compareFindings, type Finding } from '../util/findings.js';
import { CheckContext } from './check-context.js';
import { columnConstraintName, indexName, primaryKeyName } from './default-names.js';
import { bodyProblem, statementProblem } from './sql-check.js';
import { indexSpec, primaryKeyColumns, refKey, refParts, enumValues } from './spec-index.js';
import { toFunction } from './to-catalog-objects.js';
import { managedSchemas } from './to-catalog.js';
import { checkIndex, checkTable, checkTrigger } from './validate-table.js';
import type { LoadedSpec, Spec } from './types.js';

export interface ValidateConfig {
  readonly exposed_schemas: readonly string[];
  readonly preset?: PresetName;
}

export interface ValidateResult {
  /** Semantic errors: the spec cannot be planned. */
  readonly errors: Finding[];
  /** Checklist findings and warnings (errors among them are rule violations). */
  readonly findings: Finding[];
}

/** The spec's own checks, without the checklist rules (which `validateSpec` in rules/ adds). */
export function checkSpecStructure(loaded: LoadedSpec, config: ValidateConfig): { readonly errors: Finding[]; readonly warnings: Finding[] } {
  const spec = loaded.spec;
  const ctx = new CheckContext(loaded, indexSpec(spec), presetNamed(config.preset), new Set(managedSchemas(spec)));
  const extensionsDeclared = Object.keys(spec.extensions ?? {}).length > 0;

  for (const [name, s] of Object.entries(spec.schemas ?? {})) {
    ctx.name(['schemas', name], name, 'schema');
    for (const role of Object.keys(s?.grants ?? {})) ctx.name(['schemas', name, 'grants', role], role, 'role');
  }
  for (const name of Object.keys(spec.extensions ?? {})) ctx.name(['extensions', name], name, 'extension');
  checkEnums(ctx, spec);
  for (const [name, d] of Object.entries(spec.domains ?? {})) {
    const path = ['domains', name];
    ctx.objectKey(path, name, 'domain');
    ctx.type([...path, 'type'], d.type, extensionsDeclared);
    if (typeof d.default === 'string') ctx.expression([...path, 'default'], d.default, 'default');
    else if (d.default !== undefined && d.default !== null && typeof d.default === 'object') ctx.error([...path, 'default'], 'invalid-default', 'a domain default must be an SQL expression');
    if (d.collation !== undefined && refKey(d.collation) === undefined) ctx.error([...path, 'collation'], 'invalid-name', `"${d.collation}" is not a collation name`);
    for (const [check, expr] of Object.entries(d.checks ?? {})) {
      ctx.name([...path, 'checks', check], check, 'constraint');
      ctx.expression([...path, 'checks', check], expr, 'check');
    }
  }
  for (const [name, t] of Object.entries(spec.types ?? {})) {
    const path = ['types', name];
    ctx.objectKey(path, name, 'type');
    for (const [attribute, type] of Object.entries(t.attributes ?? {})) {
      ctx.name([...path, 'attributes', attribute], attribute, 'attribute');
      ctx.type([...path, 'attributes', attribute], type, extensionsDeclared);
    }
  }
  for (const [name, s] of Object.entries(spec.sequences ?? {})) {
    ctx.objectKey(['sequences', name], name, 'sequence');
    if (s.owned_by !== undefined) checkOwnedBy(ctx, name, s.owned_by);
    for (const role of Object.keys(s.grants ?? {})) ctx.name(['sequences', name, 'grants', role], role, 'role');
  }
  for (const [name, t] of Object.entries(spec.tables ?? {})) checkTable(ctx, name, t, extensionsDeclared);
  checkReach(ctx, spec);
  for (const [name, ext] of Object.entries(spec.external ?? {})) {
    const key = refKey(name);
    if (key === undefined) {
      ctx.error(['external', name], 'invalid-name', `"${name}" is not a table name`);
      continue;
    }
    if (ctx.index.tables.has(key)) ctx.error(['external', name], 'duplicate-object', `"${name}" is declared both under tables: and external:`, 'keep one');
    const columns = ext?.columns ? new Set(ext.columns) : ctx.preset.tables[key] ? new Set(ctx.preset.tables[key]!.map((c) => c.name)) : undefined;
    for (const [trigger, t] of Object.entries(ext?.triggers ?? {})) {
      ctx.name(['external', name, 'triggers', trigger], trigger, 'trigger');
      checkTrigger(ctx, ['external', name, 'triggers', trigger], t, columns, true);
    }
    for (const [policy, p] of Object.entries(ext?.policies ?? {})) {
      const path = ['external', name, 'policies', policy];
      ctx.name(path, policy, 'policy');
      if (p.using !== undefined) ctx.expression([...path, 'using'], p.using, 'policy USING');
      if (p.check !== undefined) ctx.expression([...path, 'check'], p.check, 'policy WITH CHECK');
    }
  }
  checkFunctions(ctx, spec, extensionsDeclared);
  for (const [name, v] of Object.entries(spec.views ?? {})) {
    const path = ['views', name];
    ctx.objectKey(path, name, 'view');
    const problem = statementProblem(v.query, 'SelectStmt');
    if (problem) ctx.error([...path, 'query'], 'invalid-sql', `view query is not one SELECT statement: ${problem}`, 'write a single SELECT (no trailing statements)');
    for (const role of Object.keys(v.grants ?? {})) ctx.name([...path, 'grants', role], role, 'role');
    if (v.check_option !== undefined && v.materialized) ctx.error([...path, 'check_option'], 'invalid-view', 'a materialized view has no check option', 'remove `check_option`');
    if (v.indexes !== undefined && v.indexes.length > 0 && !v.materialized) ctx.error([...path, 'indexes'], 'invalid-view', 'only a materialized view can have indexes', 'add `materialized: true`, or index the underlying table');
    (v.indexes ?? []).forEach((i, n) => checkIndex(ctx, [...path, 'indexes', n], i, undefined, `view "${name}"`));
  }
  checkRelationNames(ctx, spec);
  checkPublications(ctx, spec);

  const errors = [...ctx.errors].sort(compareFindings);
  const warnings = [...(loaded.warnings ?? []), ...ctx.warnings];
  return { errors, warnings };
}

function checkEnums(ctx: CheckContext, spec: Spec): void {
  for (const [name, e] of Object.entries(spec.enums ?? {})) {
    const path = ['enums', name];
    ctx.objectKey(path, name, 'enum');
    const values = enumValues(e);
    const seen = new Set<string>();
    values.forEach((value, i) => {
      const valuePath = Array.isArray(e) ? [...path, i] : [...path, 'values', i];
      ctx.name(valuePath, value, 'enum value');
      if (seen.has(value)) ctx.error(valuePath, 'duplicate-value', `enum value "${value}" is listed twice`, 'remove the duplicate');
      seen.add(value);
    });
    const remap = Array.isArray(e) ? undefined : (e as { remap?: Readonly<Record<string, string>> }).remap;
    for (const [from, to] of Object.entries(remap ?? {})) {
      if (!seen.has(to)) ctx.error([...path, 'remap', from], 'invalid-remap', `remap target "${to}" is not a value of enum "${name}"`, `use one of: ${values.join(', ')}`);
    }
  }
}

function checkOwnedBy(ctx: CheckContext, sequence: string, ownedBy: string): void {
  const last = ownedBy.lastIndexOf('.');
  const table = last < 0 ? undefined : refKey(ownedBy.slice(0, last));
  const spec = table === undefined ? undefined : ctx.index.tables.get(table);
  if (!spec || !(ownedBy.slice(last + 1) in (spec.table.columns ?? {}))) {
    ctx.error(['sequences', sequence, 'owned_by'], 'unknown-column', `owned_by "${ownedBy}" is not a column of a spec table`, 'write `table.column`');
  }
}

const SEARCH_PATH = /^\s*(''|""|("[^"]+"|[A-Za-z_$][A-Za-z0-9_$]*)(\s*,\s*("[^"]+"|[A-Za-z_$][A-Za-z0-9_$]*))*)\s*$/;

function checkFunctions(ctx: CheckContext, spec: Spec, extensionsDeclared: boolean): void {
  for (const [name, fn] of Object.entries(spec.functions ?? {})) {
    const path = ['functions', name];
    const key = ctx.objectKey(path, name, 'function');
    if (Array.isArray(fn.args)) {
      fn.args.forEach((a, i) => {
        if (a.name !== undefined) ctx.name([...path, 'args', i, 'name'], a.name, 'argument');
        ctx.type([...path, 'args', i, 'type'], a.type, extensionsDeclared);
        if (a.default !== undefined) ctx.expression([...path, 'args', i, 'default'], a.default, 'argument default');
      });
    }
    if ((fn.returns ?? '').trim().toLowerCase() === 'trigger' && (fn.language ?? 'plpgsql').toLowerCase() === 'sql') {
      ctx.error([...path, 'language'], 'invalid-function', 'SQL functions cannot return trigger', 'use language: plpgsql');
    }
    if (fn.hook !== undefined) {
      for (const role of ['anon', 'authenticated', 'public']) {
        if ((fn.grants?.[role] ?? []).length > 0) {
          ctx.error([...path, 'grants', role], 'invalid-grant', `an auth hook (${fn.hook}) is called by supabase_auth_admin only; granting EXECUTE to ${role} exposes it through the Data API`, `remove the grant to ${role}`);
        }
      }
    }
    if (fn.language !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(fn.language)) ctx.error([...path, 'language'], 'invalid-name', `"${fn.language}" is not a language name`, 'use plpgsql or sql');
    if (fn.search_path !== undefined && !SEARCH_PATH.test(fn.search_path)) {
      ctx.error([...path, 'search_path'], 'invalid-sql', `"${fn.search_path}" is not a search_path (schema names separated by commas, or '')`, "e.g. `public, pg_temp` or `''`");
    }
    for (const setting of Object.keys(fn.set ?? {})) {
      if (setting === 'search_path' && fn.search_path !== undefined) ctx.error([...path, 'set', setting], 'invalid-function', 'search_path is set twice (`search_path:` and `set:`)', 'keep one of them');
      else if (setting === 'search_path' && !SEARCH_PATH.test(fn.set![setting]!)) ctx.error([...path, 'set', setting], 'invalid-sql', `"${fn.set![setting]}" is not a search_path (schema names separated by commas, or '')`, "e.g. `public, pg_temp` or `''`");
      else if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(setting)) ctx.error([...path, 'set', setting], 'invalid-name', `"${setting}" is not a setting name`, 'e.g. `statement_timeout` or `app.tenant`');
    }
    if (key === undefined) continue;
    // The whole CREATE FUNCTION must be one statement: catches bad arguments and return types.
    const { schema, name: fnName } = refParts(name);
    const definition = toFunction(schema, fnName, fn, ctx.index).definition;
    const problem = statementProblem(definition, 'CreateFunctionStmt');
    if (problem) ctx.error(path, 'invalid-sql', `function "${name}" does not form a valid CREATE FUNCTION: ${problem}`, 'check `args` and `returns`');
    else if (typeof fn.body === 'string') {
      const body = bodyProblem(definition, fn.body, fn.language ?? 'plpgsql');
      if (body) ctx.error([...path, 'body'], 'invalid-sql', `the body of function "${name}" does not parse: ${body}`, `fix the ${fn.language ?? 'plpgsql'} in \`body\``);
    }
    for (const role of Object.keys(fn.grants ?? {})) ctx.name([...path, 'grants', role], role, 'role');
  }
}

/** Tables, views, sequences, indexes and key constraints share one namespace per schema. */
function checkRelationNames(ctx: CheckContext, spec: Spec): void {
  const seen = new Map<string, string>();
  const claim = (schema: string, name: string, what: string, path: readonly (string | number)[]): void => {
    const key = `${schema}.${name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) ctx.error(path, 'duplicate-name', `${what} "${name}" has the same name as ${earlier} in schema ${schema}`, 'rename one of them (tables, views, sequences, indexes and key constraints share names)');
    else seen.set(key, `${what} "${name}"`);
  };
  for (const [section, what] of [['tables', 'table'], ['views', 'view'], ['sequences', 'sequence']] as const) {
    for (const specKey of Object.keys(spec[section] ?? {})) {
      const { schema, name } = refParts(specKey);
      claim(schema, name, what, [section, specKey]);
    }
  }
  // Enums, domains, tables and views each own a row type: they share one type namespace per schema.
  const types = new Map<string, string>();
  for (const [section, what] of [['tables', 'table'], ['views', 'view'], ['enums', 'enum'], ['domains', 'domain'], ['types', 'composite type']] as const) {
    for (const specKey of Object.keys(spec[section] ?? {})) {
      const key = refKey(specKey) ?? specKey;
      const earlier = types.get(key);
      if (earlier !== undefined) ctx.error([section, specKey], 'duplicate-name', `${what} "${specKey}" has the same name as ${earlier}; PostgreSQL gives both a type of that name`, 'rename one of them');
      else types.set(key, `${what} "${specKey}"`);
    }
  }
  for (const [specKey, t] of Object.entries(spec.tables ?? {})) {
    const { schema, name } = refParts(specKey);
    const base = ['tables', specKey];
    if (primaryKeyColumns(t).length > 0) {
      const named = t.primary_key && !Array.isArray(t.primary_key) ? (t.primary_key as { name?: string }).name : undefined;
      claim(schema, named ?? primaryKeyName(name), 'primary key', [...base, 'primary_key']);
    }
    for (const [column, c] of Object.entries(t.columns ?? {})) if (c.unique) claim(schema, columnConstraintName(name, [column], 'key'), 'unique constraint', [...base, 'columns', column, 'unique']);
    for (const unique of Object.keys(t.unique ?? {})) claim(schema, unique, 'unique constraint', [...base, 'unique', unique]);
    for (const exclusion of Object.keys(t.exclusions ?? {})) claim(schema, exclusion, 'exclusion constraint', [...base, 'exclusions', exclusion]);
    const columns = new Set(Object.keys(t.columns ?? {}));
    (t.indexes ?? []).forEach((i, n) => {
      const keyNames = i.columns.map((k) => (columns.has(k) ? k : /^(\S+)/.exec(k.trim())?.[1] ?? 'expr')).map((k) => (columns.has(k) ? k : 'expr'));
      claim(schema, i.name ?? indexName(name, keyNames, i.unique === true), 'index', [...base, 'indexes', n]);
    });
  }
}
