/**
 * Orders changes by their dependencies: a phase per kind of change (dependants dropped before what
 * they depend on, then renames, then creation in dependency order), a rank inside the phase for
 * chains of the same kind (views on views, FKs between dropped tables, partitions after parents),
 * and the discovery order as the deterministic tie-break.
 *
 * Forward changes name objects as they end up, so renames come first; the rollback's changes name
 * them as the forward plan left them, so there the renames back come last.
 */
import type { FunctionDef, Table, View } from '../catalog/types.js';
import { unsupported, type Change } from './changes.js';
import { viewMentions } from './diff/index.js';
import { signatureUsesType } from './diff/types.js';
import { own } from '../util/object-keys.js';

export type Direction = 'forward' | 'rollback';

function phase(c: Change, early: ReadonlySet<string>, direction: Direction, clash: ReadonlySet<string>, columnClash: ReadonlySet<string>, swapped: ReadonlySet<string>): number {
  switch (c.kind) {
    case 'RenameTable':
      // Rollback: a rename back onto the name of a table the rollback re-creates goes before the create.
      return direction === 'forward' ? 0 : clash.has(c.from) ? 39.5 : 1000;
    case 'RenameColumn':
      // Rollback: a rename back onto the name of a column the rollback re-adds goes before the add.
      return direction === 'forward' ? 1 : columnClash.has(`${c.table}\u0000${c.from}`) ? 39.5 : 999;
    case 'RenameColumns':
      return direction === 'forward' ? 1 : 999;
    case 'DropTrigger':
      return 10;
    case 'DropPolicy':
      return 11;
    case 'DropView':
      // Before a table dropped to free its name for a renamed one (-1), when the view reads it.
      return direction === 'forward' && viewMentions(c.view, clash).length > 0 ? -2 : 12;
    case 'DropConstraint':
      return 13;
    case 'DropIndex':
      return 14;
    case 'DropColumn':
      // A column dropped to free its name for a renamed one goes before the renames.
      return columnClash.has(`${c.table}\u0000${c.column.name}`) && direction === 'forward' ? 0.5 : 15;
    case 'DropTable':
      return clash.has(`${c.table.schema}.${c.table.name}`) && direction === 'forward' ? -1 : 20;
    case 'CreateSchema':
      return 25;
    case 'CreateExtension':
      return 26;
    case 'CreateEnum':
    case 'AddEnumValue':
    case 'RenameEnumValue':
    case 'ReplaceEnum':
      return 27;
    case 'CreateDomain':
    case 'AlterDomain':
      return 28;
    case 'CreateComposite':
    case 'AlterComposite':
      // Attributes may be of an enum or a domain; columns and function signatures may use the type.
      return 28.5;
    case 'CreateSequence':
    case 'AlterSequence':
      return 29;
    case 'CreateFunction':
    case 'ReplaceFunction': {
      const fn = c.kind === 'CreateFunction' ? c.fn : c.to;
      return early.has(fn.name) ? 30 : 60;
    }
    case 'CreateTable':
      return 40;
    case 'AddColumn':
    case 'AlterColumnType':
    case 'SetColumnDefault':
    case 'DropColumnDefault':
    case 'SetNotNull':
    case 'DropNotNull':
    case 'SetIdentity': {
      // Rollback: changes undoing the forward's work on a renamed table or column name it as the forward
      // left it, so they go before a rename back that is moved early (39.5) to free the name.
      if (direction === 'rollback') {
        const column = c.kind === 'AddColumn' ? undefined : c.kind === 'AlterColumnType' ? c.to.name : c.column;
        if (clash.has(c.table) || (column !== undefined && columnClash.has(`${c.table}\u0000${column}`))) return 39.4;
      }
      return 40;
    }
    case 'SetSequenceOwner':
      // OWNED BY NONE before the drops: a dropped owner would take the sequence with it.
      return c.to === undefined ? 9 : 41;
    case 'DropFunction':
      // Before an enum swap that drops the type its arguments or result use.
      return [...swapped].some((e) => signatureUsesType(c.fn, e)) ? 26.5 : 45;
    case 'DropComposite':
      // Before the enums and domains its attributes may use.
      return 45.5;
    case 'DropEnum':
    case 'DropDomain':
      return 46;
    case 'DropSequence':
      return 47;
    case 'DropExtension':
      return 48;
    case 'DropSchema':
      return 49;
    case 'AddConstraint':
      // Foreign keys after the indexes: the referenced key may be a unique index, not a constraint.
      return c.constraint.kind === 'foreign_key' ? 56 : 50;
    case 'ValidateConstraint':
    case 'InvalidateConstraint':
      return 57;
    case 'CreateIndex':
      return c.onView ? 66 : 55;
    case 'CreateView':
    case 'ReplaceView':
      return 65;
    case 'CreateTrigger':
    case 'ReplaceTrigger':
      return 70;
    case 'EnableRls':
    case 'DisableRls':
    case 'ForceRls':
    case 'NoForceRls':
    case 'SetTableStorage':
      return 75;
    case 'CreatePolicy':
    case 'AlterPolicy':
      return 80;
    case 'Grant':
      return 85;
    case 'Revoke':
      // A table's REVOKE also revokes that privilege on each of its columns: before any column GRANT.
      return c.target.type === 'table' ? 84.5 : 85;
    case 'SetComment':
      return 90;
    case 'SetOwner':
      // Once the object exists (created or recreated), before its grants.
      return 83;
    case 'DropFromPublication':
      // Before the columns of its column list go.
      return 9.5;
    case 'SetReplicaIdentity':
      return 76;
    case 'AddToPublication':
      return 78;
    case 'SetBucket':
      return c.to === undefined ? 11.5 : 82;
    case 'DetachPartition':
      // Before the parent, or the columns only the partition keeps, go.
      return 9.6;
    case 'AttachPartition':
      // Once the parent and the table's own columns are what the partition needs; before the parent's indexes.
      return 41.5;
    case 'SetPublication':
      // Dropped after its tables leave it; created or altered once its schemas and owner exist, before tables join it.
      return c.to === undefined ? 9.7 : 77;
    case 'SetCronJob':
      // Unscheduled first; scheduled last, when what the command calls exists.
      return c.to === undefined ? 8 : 95;
    default:
      return unsupported(c);
  }
}

/** Names of functions that table-level expressions call: those must exist before the tables. */
function earlyFunctions(changes: readonly Change[]): Set<string> {
  const texts: string[] = [];
  for (const c of changes) {
    switch (c.kind) {
      case 'CreateTable':
        for (const col of c.table.columns) texts.push(col.default ?? '', col.generated ?? '');
        break;
      case 'AddColumn':
        texts.push(c.column.default ?? '', c.column.generated ?? '', c.backfill ?? '');
        break;
      case 'SetColumnDefault':
        texts.push(c.to);
        break;
      case 'AddConstraint':
        texts.push(c.constraint.definition);
        break;
      case 'CreateIndex':
        texts.push(...c.index.keys, c.index.where ?? '');
        break;
      case 'CreateDomain':
        texts.push(c.domain.default ?? '', ...Object.values(c.domain.checks));
        break;
      case 'AlterDomain':
        texts.push(c.to.default ?? '', ...Object.values(c.to.checks));
        break;
      default:
        break;
    }
  }
  const all = texts.join('\n');
  const out = new Set<string>();
  for (const c of changes) {
    if (c.kind !== 'CreateFunction' && c.kind !== 'ReplaceFunction') continue;
    const name = c.kind === 'CreateFunction' ? c.fn.name : c.to.name;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^a-z0-9_$])"?${escaped}"?\\s*\\(`).test(all)) out.add(name);
  }
  return out;
}

/**
 * Depth of each key in a dependency graph: 0 for a key that depends on none of the others, else one
 * more than the deepest it depends on. A cycle counts as depth 0 where it closes.
 */
function dependencyDepths(keys: Iterable<string>, dependsOn: (key: string) => readonly string[]): Map<string, number> {
  const depth = new Map<string, number>();
  const visit = (key: string, seen: Set<string>): number => {
    const known = depth.get(key);
    if (known !== undefined) return known;
    if (seen.has(key)) return 0;
    seen.add(key);
    let d = 0;
    for (const other of dependsOn(key)) d = Math.max(d, 1 + visit(other, seen));
    depth.set(key, d);
    return d;
  };
  for (const key of keys) visit(key, new Set());
  return depth;
}

function viewRanks(changes: readonly Change[]): Map<string, number> {
  const views = new Map<string, View>();
  for (const c of changes) {
    if (c.kind === 'CreateView' || c.kind === 'DropView') views.set(`${c.view.schema}.${c.view.name}`, c.view);
    if (c.kind === 'ReplaceView') views.set(`${c.to.schema}.${c.to.name}`, c.to);
  }
  return dependencyDepths(views.keys(), (key) => viewMentions(views.get(key)!, [...views.keys()].filter((k) => k !== key)));
}

/** Dropped tables: those that reference others (FK) go first. */
function dropTableRanks(changes: readonly Change[]): Map<string, number> {
  const dropped = new Map<string, string[]>();
  for (const c of changes) {
    if (c.kind !== 'DropTable') continue;
    const refs = Object.values(c.table.constraints).flatMap((k) => (k.foreignKey ? [k.foreignKey.table] : []));
    const parent = c.table.partitionOf?.parent;
    dropped.set(`${c.table.schema}.${c.table.name}`, parent ? [...refs, parent] : refs);
  }
  // A table goes after every dropped table that references it.
  return dependencyDepths(dropped.keys(), (key) => [...dropped].filter(([other, refs]) => other !== key && refs.includes(key)).map(([other]) => other));
}

const escRe = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a function body calls `fn` (by its name, qualified or not). */
function calls(body: string, fn: FunctionDef): boolean {
  return new RegExp(`(^|[^a-z0-9_$"])(?:"?${escRe(fn.schema)}"?\\s*\\.\\s*)?"?${escRe(fn.name)}"?\\s*\\(`, 'i').test(body);
}

/** Dropped functions that a replaced function's old body calls: dropped after the replace. */
function functionsDroppedLate(changes: readonly Change[]): Set<string> {
  const out = new Set<string>();
  const replaced = changes.flatMap((c) => (c.kind === 'ReplaceFunction' ? [c.from] : []));
  const id = (fn: FunctionDef): string => `${fn.schema}.${fn.name}(${fn.identityArgs})`;
  const created = new Set(changes.flatMap((c) => (c.kind === 'CreateFunction' ? [id(c.fn)] : [])));
  for (const c of changes) {
    if (c.kind === 'DropFunction' && !created.has(id(c.fn)) && replaced.some((r) => calls(r.body, c.fn))) out.add(id(c.fn));
  }
  return out;
}

/**
 * Functions the plan creates or replaces (or, with `drops`, drops): those whose body calls another
 * of them go after it (SQL bodies are checked on creation).
 */
function functionRanks(changes: readonly Change[], drops = false): Map<string, number> {
  const fns = new Map<string, FunctionDef>();
  for (const c of changes) {
    if (c.kind === 'CreateFunction' && !drops) fns.set(`${c.fn.schema}.${c.fn.name}`, c.fn);
    if (c.kind === 'ReplaceFunction' && !drops) fns.set(`${c.to.schema}.${c.to.name}`, c.to);
    if (c.kind === 'DropFunction' && drops) fns.set(`${c.fn.schema}.${c.fn.name}`, c.fn);
  }
  return dependencyDepths(fns.keys(), (key) => [...fns].filter(([other, o]) => other !== key && calls(fns.get(key)!.body, o)).map(([other]) => other));
}

function rank(c: Change, views: Map<string, number>, drops: Map<string, number>, fns: Map<string, number> = new Map(), droppedFns: Map<string, number> = new Map()): number {
  switch (c.kind) {
    case 'CreateFunction':
      return fns.get(`${c.fn.schema}.${c.fn.name}`) ?? 0;
    case 'ReplaceFunction':
      return fns.get(`${c.to.schema}.${c.to.name}`) ?? 0;
    case 'DropFunction':
      // Callers first: a dropped function calling another dropped one goes before it.
      return -(droppedFns.get(`${c.fn.schema}.${c.fn.name}`) ?? 0);
    case 'CreateView':
      return views.get(`${c.view.schema}.${c.view.name}`) ?? 0;
    case 'ReplaceView':
      return views.get(`${c.to.schema}.${c.to.name}`) ?? 0;
    case 'DropView':
      return -(views.get(`${c.view.schema}.${c.view.name}`) ?? 0);
    case 'DropTable':
      return drops.get(`${c.table.schema}.${c.table.name}`) ?? 0;
    case 'CreateTable':
      return c.table.partitionOf ? 1 : 0;
    case 'AddConstraint':
      return c.constraint.kind === 'foreign_key' ? 2 : c.constraint.kind === 'check' ? 1 : 0;
    case 'DropConstraint':
      return c.constraint.kind === 'foreign_key' ? 0 : 1;
    default:
      return 0;
  }
}

/** Identity of the object a create or drop is about, to put a drop before the create of the same object. */
function objectIdentity(c: Change): string | undefined {
  switch (c.kind) {
    case 'CreateFunction':
    case 'DropFunction':
      return `function ${c.fn.schema}.${c.fn.name}(${c.fn.identityArgs})`;
    case 'CreateDomain':
    case 'DropDomain':
      return `type ${c.domain.schema}.${c.domain.name}`;
    case 'CreateComposite':
    case 'DropComposite':
      return `type ${c.composite.schema}.${c.composite.name}`;
    case 'CreateEnum':
    case 'DropEnum':
      return `type ${c.enum.schema}.${c.enum.name}`;
    case 'CreateSequence':
    case 'DropSequence':
      return `sequence ${c.sequence.schema}.${c.sequence.name}`;
    case 'CreateView':
    case 'DropView':
      return `view ${c.view.schema}.${c.view.name}`;
    case 'CreateTable':
    case 'DropTable':
      return `table ${c.table.schema}.${c.table.name}`;
    default:
      return undefined;
  }
}

/** `table\0column` names that a column rename takes over from a dropped column (forward) or gives back to a re-added one (rollback). */
function columnClashes(changes: readonly Change[], direction: Direction): Set<string> {
  const renamed = new Set<string>();
  for (const c of changes) if (c.kind === 'RenameColumn') renamed.add(`${c.table}\u0000${direction === 'forward' ? c.to : c.from}`);
  const out = new Set<string>();
  for (const c of changes) {
    const k = c.kind === 'DropColumn' && direction === 'forward' ? c : c.kind === 'AddColumn' && direction === 'rollback' ? c : undefined;
    if (k && renamed.has(`${k.table}\u0000${k.column.name}`)) out.add(`${k.table}\u0000${k.column.name}`);
  }
  return out;
}

/**
 * Rollback: column renames back, keys and indexes the rollback restores on a table renamed back early (39.5, to free its name
 * for a table the rollback re-creates) name the table as the forward left it, so they go before the
 * rename too, after the column changes (39.4). A foreign key to a table the rollback re-creates waits.
 */
function renamedBackLate(c: Change, direction: Direction, clash: ReadonlySet<string>, created: ReadonlyMap<string, Table>, p: number): number {
  if (direction !== 'rollback' || p <= 39.5) return p;
  if ((c.kind === 'RenameColumn' || c.kind === 'RenameColumns') && clash.has(c.table)) return 39.42;
  // The re-created table (same key) restores its own keys and indexes after its CREATE.
  const table = created.get(c.kind === 'AddConstraint' || c.kind === 'CreateIndex' ? c.table : '');
  if (c.kind === 'AddConstraint' && clash.has(c.table) && own(table?.constraints, c.constraint.name) === undefined) {
    if (!(c.constraint.foreignKey && created.has(c.constraint.foreignKey.table))) return 39.44;
  }
  if (c.kind === 'CreateIndex' && !c.onView && clash.has(c.table) && own(table?.indexes, c.index.name) === undefined) return 39.45;
  return p;
}

export function orderChanges(changes: readonly Change[], direction: Direction, renameTargets: ReadonlySet<string> = new Set()): Change[] {
  if (direction === 'rollback') {
    // Tables the rollback re-creates under a name a rename back must free first.
    const created = new Set(changes.flatMap((c) => (c.kind === 'CreateTable' ? [`${c.table.schema}.${c.table.name}`] : [])));
    renameTargets = new Set(changes.flatMap((c) => (c.kind === 'RenameTable' && created.has(c.from) ? [c.from] : [])));
  }
  const columnClash = columnClashes(changes, direction);
  const swapped = new Set(changes.flatMap((c) => (c.kind === 'ReplaceEnum' ? [`${c.to.schema}.${c.to.name}`] : [])));
  const early = earlyFunctions(changes);
  const views = viewRanks(changes);
  const drops = dropTableRanks(changes);
  const fns = functionRanks(changes);
  const droppedFns = functionRanks(changes, true);
  const lateDrops = functionsDroppedLate(changes);
  const createdAt = new Map<string, number>();
  for (const c of changes) {
    const id = objectIdentity(c);
    if (id && c.kind.startsWith('Create')) createdAt.set(id, phase(c, early, direction, renameTargets, columnClash, swapped));
  }
  const recreated = new Map(changes.flatMap((c) => (c.kind === 'CreateTable' ? [[`${c.table.schema}.${c.table.name}`, c.table] as const] : [])));
  const phaseOf = (c: Change): number => {
    // A function that a replaced function stops calling is dropped after the replace.
    if (c.kind === 'DropFunction' && lateDrops.has(`${c.fn.schema}.${c.fn.name}(${c.fn.identityArgs})`)) return 61;
    const p = renamedBackLate(c, direction, renameTargets, recreated, phase(c, early, direction, renameTargets, columnClash, swapped));
    const id = objectIdentity(c);
    const created = id && c.kind.startsWith('Drop') ? createdAt.get(id) : undefined;
    return created !== undefined && created <= p ? created - 0.5 : p;
  };
  return changes
    .map((change, index) => ({ change, index, phase: phaseOf(change), rank: rank(change, views, drops, fns, droppedFns) }))
    .sort((a, b) => a.phase - b.phase || a.rank - b.rank || a.index - b.index)
    .map((x) => x.change);
}
