/** GRANT and REVOKE statements, on objects, columns and default privileges (with the grant option). */
import { quoteIdent } from '../../catalog/names.js';
import type { FunctionDef, Grants } from '../../catalog/types.js';
import { basePrivilege, hasGrantOption } from '../../catalog/privileges.js';
import { UnsupportedChange, type Change, type ObjectRef } from '../changes.js';
import type { Step } from '../types.js';
import { q, step } from './sql.js';

export const fnKey = (fn: FunctionDef): string => `${fn.schema}.${fn.name}(${fn.identityArgs})`;
export const fnRef = (fn: FunctionDef): string => `${q(`${fn.schema}.${fn.name}`)}(${fn.identityArgs})`;

/** GRANT statements that give an object all of `grants` (privileges with the grant option apart). */
export function objectGrantsSql(on: string, grants: Grants): string[] {
  const out: string[] = [];
  for (const [role, privileges] of Object.entries(grants)) {
    const grantee = role === 'public' ? 'PUBLIC' : quoteIdent(role);
    for (const option of [false, true]) {
      const some = privileges.filter((p) => hasGrantOption(p) === option).map((p) => basePrivilege(p).toUpperCase());
      if (some.length > 0) out.push(`GRANT ${some.join(', ')} ON ${on} TO ${grantee}${option ? ' WITH GRANT OPTION' : ''}`);
    }
  }
  return out;
}

export function renderGrant(change: Extract<Change, { kind: 'Grant' | 'Revoke' }>): Step[] {
  const target = change.target;
  // A column's privileges name the column: GRANT UPDATE ("bio") ON TABLE t.
  const columns = target.type === 'column' ? ` (${quoteIdent(target.column)})` : '';
  const privileges = change.privileges.map((p) => `${p.toUpperCase()}${columns}`).join(', ');
  const role = change.role === 'public' ? 'PUBLIC' : quoteIdent(change.role);
  // GRANT ... WITH GRANT OPTION; REVOKE GRANT OPTION FOR ... keeps the privileges.
  const withOption = change.kind === 'Grant' && change.option !== undefined ? ' WITH GRANT OPTION' : '';
  const optionFor = change.kind === 'Revoke' && change.option === 'only' ? 'GRANT OPTION FOR ' : '';
  const listed = `${change.option === 'only' ? 'grant option of ' : ''}${change.privileges.join(', ')}${change.option === 'with' ? ' with grant option' : ''}`;
  if (target.type === 'default privileges') {
    const head = `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(target.forRole)}${target.schema === '' ? '' : ` IN SCHEMA ${quoteIdent(target.schema)}`}`;
    const what = `${privileges} ON ${target.objects.toUpperCase()}`;
    const sql = change.kind === 'Grant' ? `${head} GRANT ${what} TO ${role}${withOption}` : `${head} REVOKE ${optionFor}${what} FROM ${role}`;
    const verb = change.kind === 'Grant' ? '+ default grant' : '- default grant';
    const where = target.schema === '' ? 'anywhere' : `in ${target.schema}`;
    return [step(sql, `${verb} ${listed} on ${target.objects} ${target.forRole} creates ${where} ${change.kind === 'Grant' ? 'to' : 'from'} ${change.role}`, target.schema)];
  }
  const on = target.type === 'column' ? `TABLE ${q(target.table)}` : grantTarget(target);
  const sql = change.kind === 'Grant' ? `GRANT ${privileges} ON ${on} TO ${role}${withOption}` : `REVOKE ${optionFor}${privileges} ON ${on} FROM ${role}`;
  const sign = change.kind === 'Grant' ? '+' : '-';
  return [step(sql, `${sign} ${change.kind.toLowerCase()} ${listed} on ${refName(change.target)} ${change.kind === 'Grant' ? 'to' : 'from'} ${change.role}`, refName(change.target))];
}

function grantTarget(target: ObjectRef): string {
  switch (target.type) {
    case 'table':
    case 'view':
    case 'materialized view':
      return `TABLE ${q(target.key)}`;
    case 'sequence':
      return `SEQUENCE ${q(target.key)}`;
    case 'function':
      return `${target.fn.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${fnRef(target.fn)}`;
    case 'schema':
      return `SCHEMA ${quoteIdent(target.name)}`;
    case 'type':
    case 'domain':
      return `TYPE ${q(target.key)}`;
    default:
      // Columns, indexes, triggers, constraints and policies take no GRANT of their own.
      throw new UnsupportedChange(target);
  }
}


export function refName(target: ObjectRef): string {
  switch (target.type) {
    case 'schema':
      return target.name;
    case 'column':
      return `${target.table}.${target.column}`;
    case 'index':
    case 'constraint':
    case 'trigger':
    case 'policy':
      return `${target.table}.${target.name}`;
    case 'function':
      return fnKey(target.fn);
    case 'default privileges':
      // The schema's: the step belongs to it.
      return target.schema;
    default:
      return target.key;
  }
}
