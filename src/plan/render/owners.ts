/** `ALTER ... OWNER TO`: the SQL of a SetOwner change (an absent owner is CURRENT_USER, the migration's role). */
import { quoteIdent } from '../../catalog/names.js';
import { UnsupportedChange, unsupported, type ObjectRef } from '../changes.js';
import type { Step } from '../types.js';
import type { View } from '../../catalog/types.js';
import { q, step, str } from './sql.js';

/** What `ALTER <object>` names, and the name the step is about. */
function ownedObject(target: ObjectRef): { readonly sql: string; readonly name: string } {
  switch (target.type) {
    case 'schema':
      return { sql: `SCHEMA ${quoteIdent(target.name)}`, name: target.name };
    case 'table':
    case 'view':
    case 'materialized view':
    case 'sequence':
    case 'type':
    case 'domain':
      return { sql: `${target.type.toUpperCase()} ${q(target.key)}`, name: target.key };
    case 'function': {
      const key = `${target.fn.schema}.${target.fn.name}`;
      return { sql: `${target.fn.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${q(key)}(${target.fn.identityArgs})`, name: `${key}(${target.fn.identityArgs})` };
    }
    case 'column':
    case 'index':
    case 'constraint':
    case 'trigger':
    case 'policy':
    case 'default privileges':
      // These belong to their table or schema and have no owner of their own.
      throw new UnsupportedChange(target);
    default:
      return unsupported(target);
  }
}

/** The owner statement; ALTER ... OWNER TO is idempotent as it is. */
export function renderOwner(target: ObjectRef, owner: string | undefined): Step {
  const { sql, name } = ownedObject(target);
  const role = owner === undefined ? 'CURRENT_USER' : quoteIdent(owner);
  return step(`ALTER ${sql} OWNER TO ${role}`, `~ owner of ${target.type} ${name} to ${owner ?? 'the current user'}`, name);
}

/** What a view dropped and created again by a ReplaceView gets back besides grants and comment: column comments and owner. */
export function recreatedViewExtras(key: string, view: View): string[] {
  const out = Object.entries(view.columnComments ?? {}).map(([column, comment]) => `COMMENT ON COLUMN ${q(key)}.${quoteIdent(column)} IS ${str(comment)}`);
  if (view.owner !== undefined) out.push(`ALTER VIEW ${q(key)} OWNER TO ${quoteIdent(view.owner)}`);
  return out;
}
