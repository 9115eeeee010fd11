/** Spec functions, views, domains and sequences -> draft catalog objects. */
import { quoteIdent, quoteLiteral, quoteQualified } from '../catalog/names.js';
import type { Domain, FunctionDef, Grants, Privilege, PrivilegeName, Sequence, View } from '../catalog/types.js';
import { specPrivileges } from './grant-spec.js';
import { refKey, renderDefault, renderType, type SpecIndex } from './spec-index.js';
import { quoteCollation, tableGrants, toIndex } from './to-catalog-table.js';
import type { DomainSpec, FunctionArgSpec, FunctionSpec, SequenceSpec, ViewSpec } from './types.js';

/** A dollar-quote tag that does not occur in the body. */
export function dollarTag(body: string): string {
  for (let i = 0; ; i++) {
    const tag = i === 0 ? '$fn$' : `$fn${i}$`;
    if (!body.includes(tag)) return tag;
  }
}

/** `search_path` option text: `''` stays empty, names are quoted identifiers. */
export function searchPathSql(path: string): string {
  const trimmed = path.trim();
  if (trimmed === "''" || trimmed === '""' || trimmed === '') return "''";
  return trimmed
    .split(',')
    .map((part) => part.trim())
    .map((part) => (/^".*"$/s.test(part) ? part : quoteIdent(part)))
    .join(', ');
}

function argText(a: FunctionArgSpec, index: SpecIndex, withDefault: boolean): string {
  const parts: string[] = [];
  if (a.mode && a.mode !== 'in') parts.push(a.mode.toUpperCase());
  if (a.name !== undefined) parts.push(quoteIdent(a.name));
  parts.push(renderType(a.type, index));
  if (withDefault && a.default !== undefined) parts.push(`DEFAULT ${a.default}`);
  return parts.join(' ');
}

/** Argument list with names and defaults, and the identity (types of the input arguments). */
export function functionArgs(fn: FunctionSpec, index: SpecIndex): { args: string; identityArgs: string } {
  if (typeof fn.args === 'string') {
    return { args: fn.args.trim(), identityArgs: identityFromRaw(fn.args) };
  }
  const args = fn.args ?? [];
  return {
    args: args.map((a) => argText(a, index, true)).join(', '),
    identityArgs: args
      .filter((a) => a.mode !== 'out')
      .map((a) => `${a.mode && a.mode !== 'in' ? `${a.mode.toUpperCase()} ` : ''}${renderType(a.type, index)}`.replace(/^INOUT /, ''))
      .join(', '),
  };
}

const TYPE_WORDS = /^(double|character|bit|time|timestamp|interval|national|varying|precision|with|without|zone)$/i;

/** Best effort for raw argument strings: drop modes, names and defaults (`a integer DEFAULT 1` -> `integer`). */
function identityFromRaw(raw: string): string {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current);
  return parts
    .map((p) => p.replace(/\s+(DEFAULT\b|=).*$/is, '').trim())
    .filter((p) => !/^OUT\s/i.test(p))
    .map((p) => p.replace(/^(IN|INOUT|VARIADIC)\s+/i, ''))
    .map((p) => {
      const words = p.split(/\s+/);
      return words.length > 1 && !TYPE_WORDS.test(words[0]!) ? words.slice(1).join(' ') : p;
    })
    .join(', ');
}

/** The grants a function gets: an auth hook's are fixed by construction. */
export function effectiveFunctionGrants(fn: FunctionSpec): FunctionSpec['grants'] {
  if (fn.hook === undefined) return fn.grants;
  return { ...fn.grants, supabase_auth_admin: ['execute'], anon: [], authenticated: [], public: [] };
}

function functionGrants(grants: FunctionSpec['grants']): Grants {
  const out: Record<string, readonly Privilege[]> = {};
  // `role: []` names the role (so its grants are managed) and grants it nothing, e.g. `public: []`.
  for (const role of Object.keys(grants ?? {}).sort()) {
    const privileges = specPrivileges(grants?.[role] ?? [], ['execute']);
    if (privileges.length > 0) out[role] = privileges;
  }
  return out;
}

export function toFunction(schema: string, name: string, fn: FunctionSpec, index: SpecIndex): FunctionDef {
  const { args, identityArgs } = functionArgs(fn, index);
  const procedure = fn.procedure === true;
  const returns = procedure ? undefined : renderReturns(fn.returns ?? 'void', index);
  const language = fn.language ?? 'plpgsql';
  const volatility = fn.volatility ?? 'volatile';
  const security = fn.security ?? 'invoker';
  const strict = fn.strict === true;
  // In the order written: PostgreSQL keeps it (search_path, then `set:`).
  const settings = [...(fn.search_path !== undefined ? [['search_path', fn.search_path] as const] : []), ...Object.entries(fn.set ?? {})];
  const settingSql = ([setting, value]: readonly [string, string]): string =>
    setting === 'search_path' ? searchPathSql(value) : quoteLiteral(value);
  const config = settings.map(([setting, value]) => `${setting}=${setting === 'search_path' ? searchPathSql(value) : value}`).sort();
  const tag = dollarTag(fn.body);
  const head = `CREATE OR REPLACE ${procedure ? 'PROCEDURE' : 'FUNCTION'} ${quoteQualified(schema, name)}(${args})`;
  const clauses = [
    ...(returns !== undefined ? [`RETURNS ${returns}`] : []),
    `LANGUAGE ${quoteIdent(language)}`,
    // A procedure has none of a function's planner attributes.
    ...(procedure
      ? []
      : [
          volatility.toUpperCase(),
          ...(strict ? ['STRICT'] : []),
          ...(fn.leakproof === true ? ['LEAKPROOF'] : []),
          ...(fn.parallel !== undefined ? [`PARALLEL ${fn.parallel.toUpperCase()}`] : []),
          ...(fn.cost !== undefined ? [`COST ${numberSql(fn.cost)}`] : []),
          ...(fn.rows !== undefined ? [`ROWS ${numberSql(fn.rows)}`] : []),
        ]),
    ...(security === 'definer' ? ['SECURITY DEFINER'] : []),
    // Setting names are validated as (dotted) identifiers; values are string literals (search_path: a list of names).
    ...settings.map((entry) => `SET ${entry[0]} = ${settingSql(entry)}`),
  ];
  return {
    schema,
    name,
    kind: procedure ? 'procedure' : 'function',
    identityArgs,
    args,
    ...(returns !== undefined ? { returns } : {}),
    language,
    body: fn.body,
    volatility,
    security,
    strict,
    config,
    definition: `${head}\n ${clauses.join(' ')}\n${SQL_STANDARD_BODY.test(fn.body) && language === 'sql' ? fn.body : `AS ${tag}${fn.body}${tag}`}`,
    grants: functionGrants(effectiveFunctionGrants(fn)),
    ...(fn.comment !== undefined ? { comment: fn.comment } : {}),
    ...(fn.owner !== undefined ? { owner: fn.owner } : {}),
  };
}

/** A positive number from the YAML as SQL (the schema admits only finite numbers above 0). */
function numberSql(value: number): string {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`not a positive number: ${value}`);
  return String(value);
}

/** A SQL-standard function body (PostgreSQL 14+), written without quotes. */
const SQL_STANDARD_BODY = /^\s*(RETURN\b|BEGIN\s+ATOMIC\b)/i;

/** `setof notification` / `notification_kind[]` qualify spec types; TABLE (...) and others stay as written. */
function renderReturns(returns: string, index: SpecIndex): string {
  const setof = /^setof\s+(.+)$/is.exec(returns.trim());
  if (setof) return `SETOF ${renderType(setof[1]!, index)}`;
  return renderType(returns, index);
}

/** Reloptions of a view, sorted, as pg_class.reloptions holds them. */
function viewOptions(v: ViewSpec): string[] {
  const out: string[] = [];
  if (v.check_option !== undefined) out.push(`check_option=${v.check_option}`);
  if (v.security_barrier) out.push('security_barrier=true');
  if (v.security_invoker) out.push('security_invoker=true');
  return out.sort();
}

/** Plain names a view's index may key on: the view's columns are not known before it exists. */
function viewColumnNames(v: ViewSpec): Set<string> {
  const names = new Set<string>();
  for (const i of v.indexes ?? []) {
    for (const key of [...i.columns, ...(i.include ?? [])]) {
      const first = /^([A-Za-z_][A-Za-z0-9_$]*)(\s|$)/.exec(key.trim())?.[1];
      if (first !== undefined) names.add(first);
    }
  }
  return names;
}

export function toView(schema: string, name: string, v: ViewSpec): View {
  const columns = viewColumnNames(v);
  const indexes = (v.indexes ?? []).map((i) => toIndex(name, i, columns)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    schema,
    name,
    materialized: v.materialized === true,
    definition: v.query.trim().replace(/;\s*$/, ''),
    options: viewOptions(v),
    columns: [],
    grants: tableGrants(v.grants),
    ...(v.comment !== undefined ? { comment: v.comment } : {}),
    ...(v.column_comments && Object.keys(v.column_comments).length > 0 ? { columnComments: Object.fromEntries(Object.entries(v.column_comments).sort(([a], [b]) => (a < b ? -1 : 1))) } : {}),
    ...(v.owner !== undefined ? { owner: v.owner } : {}),
    indexes: Object.fromEntries(indexes.map((i) => [i.name, i])),
  };
}

export function toDomain(schema: string, name: string, d: DomainSpec, index: SpecIndex): Domain {
  const dflt = renderDefault(d.default, d.type, index);
  return {
    schema,
    name,
    type: renderType(d.type, index),
    notNull: d.not_null === true,
    ...(dflt !== undefined ? { default: dflt } : {}),
    ...(d.collation !== undefined ? { collation: quoteCollation(d.collation) } : {}),
    checks: Object.fromEntries(Object.entries(d.checks ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, expr]) => [n, `CHECK ((${expr}))`])),
    ...(d.comment !== undefined ? { comment: d.comment } : {}),
    ...(d.owner !== undefined ? { owner: d.owner } : {}),
  };
}

const TYPE_MAX: Readonly<Record<string, string>> = { smallint: '32767', integer: '2147483647', bigint: '9223372036854775807' };
const TYPE_MIN: Readonly<Record<string, string>> = { smallint: '-32768', integer: '-2147483648', bigint: '-9223372036854775808' };

export function toSequence(schema: string, name: string, s: SequenceSpec): Sequence {
  const type = s.type ?? 'bigint';
  const increment = s.increment ?? 1;
  const ascending = increment > 0;
  const min = s.min !== undefined ? String(s.min) : ascending ? '1' : TYPE_MIN[type]!;
  const max = s.max !== undefined ? String(s.max) : ascending ? TYPE_MAX[type]! : '-1';
  const owned = s.owned_by !== undefined ? ownedBy(s.owned_by) : undefined;
  const grants = sequenceGrants(s.grants);
  return {
    schema,
    name,
    type,
    start: String(s.start ?? (ascending ? min : max)),
    increment: String(increment),
    min,
    max,
    cache: String(s.cache ?? 1),
    cycle: s.cycle === true,
    ...(owned !== undefined ? { ownedBy: owned } : {}),
    ...(Object.keys(grants).length > 0 ? { grants } : {}),
    ...(s.comment !== undefined ? { comment: s.comment } : {}),
    ...(s.owner !== undefined ? { owner: s.owner } : {}),
  };
}

const SEQUENCE_PRIVILEGES: readonly PrivilegeName[] = ['select', 'update', 'usage'];

/** `role: []` names the role (its grants are managed) and grants it nothing. */
function sequenceGrants(grants: SequenceSpec['grants']): Grants {
  const out: Record<string, readonly Privilege[]> = {};
  for (const role of Object.keys(grants ?? {}).sort()) {
    const privileges = specPrivileges(grants![role]!, SEQUENCE_PRIVILEGES);
    if (privileges.length > 0) out[role] = privileges;
  }
  return out;
}

/** `table.column` / `schema.table.column` -> `schema.table.column`. */
export function ownedBy(text: string): string | undefined {
  const last = text.lastIndexOf('.');
  if (last < 0) return undefined;
  const table = refKey(text.slice(0, last));
  return table === undefined ? undefined : `${table}.${text.slice(last + 1)}`;
}

export { quoteLiteral };
