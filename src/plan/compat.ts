/**
 * Backwards compatibility (`breaks-clients`): while a migration runs and until the new app version
 * is out, the version still deployed keeps sending its queries. A change breaks it when those queries
 * name something that goes away (a dropped or renamed table or column), write values the column no
 * longer takes (a narrowed type, a removed or renamed enum value), or insert rows without a column
 * that now requires one (a new NOT NULL column without default). `clientBreakage` says what that
 * version loses, in words for the plan; `undefined` for a change it survives.
 */
import type { Change } from './changes.js';
import type { Step } from './types.js';

const RULE = 'backwards-compatible';
const key = (o: { readonly schema: string; readonly name: string }): string => `${o.schema}.${o.name}`;

export function clientBreakage(change: Change, steps: readonly Step[]): string | undefined {
  if (change.implied) return undefined;
  switch (change.kind) {
    case 'DropTable':
      return `table ${key(change.table)}: its queries of the table fail`;
    case 'DropColumn':
      return `column ${change.table}.${change.column.name}: its queries naming the column fail`;
    case 'RenameTable':
      return `table ${change.from} (now ${change.to}): its queries of the old name fail`;
    case 'RenameColumn':
      return `column ${change.table}.${change.from} (now ${change.to}): its queries naming the old name fail`;
    case 'RenameColumns':
      return `columns ${change.renames.map(([a, b]) => `${change.table}.${a} (now ${b})`).join(', ')}: its queries read the columns under their old names`;
    case 'AlterColumnType':
      // A narrowing is the type change that may lose values (render/tables.ts gates it as deletes-data).
      if (!steps.some((s) => s.hazards.includes('deletes-data'))) return undefined;
      return `values of ${change.table}.${change.to.name} that ${change.to.type} cannot hold (was ${change.from.type}): its writes of them fail`;
    case 'AddColumn': {
      const c = change.column;
      if (!change.existing || !c.notNull || c.default !== undefined || c.identity || c.generated !== undefined) return undefined;
      return `inserts into ${change.table} without ${c.name} (a new NOT NULL column without default): they fail`;
    }
    case 'ReplaceEnum': {
      const removed = change.from.values.filter((v) => !change.to.values.includes(v));
      if (removed.length === 0) return undefined;
      return `value${removed.length > 1 ? 's' : ''} ${removed.map((v) => `'${v}'`).join(', ')} of enum ${key(change.to)}: its writes of ${removed.length > 1 ? 'them' : 'it'} fail`;
    }
    case 'RenameEnumValue':
      return `value '${change.from}' of enum ${change.enum} (now '${change.to}'): its writes of the old value fail`;
    default:
      return undefined;
  }
}

/** Marks the change's main step (the first that is not a `?` guard) with `breaks-clients` and what is lost. */
export function markBreakage(change: Change, steps: readonly Step[]): Step[] {
  const loses = clientBreakage(change, steps);
  if (loses === undefined) return [...steps];
  const main = steps.findIndex((s) => !s.description.startsWith('?'));
  // The plan gated it (--allow-hazard breaks-clients): `schema lint` on the written file stays clean.
  const waiver = { [RULE]: 'gated by schema plan as breaks-clients' };
  return steps.map((s, i) =>
    i === main ? { ...s, hazards: [...new Set([...s.hazards, 'breaks-clients' as const])].sort(), breaks: loses, waivers: { ...s.waivers, ...waiver } } : s,
  );
}
