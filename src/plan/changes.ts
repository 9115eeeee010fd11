/**
 * The verbs of a plan. A Change is plain data holding everything needed to render it forward and to
 * build its reverse (`invertChange`), so the rollback is made from the same list as the forward plan.
 *
 * `implied`: the change happens as a side effect of a bigger one (an index dropped with its table) and
 * renders no SQL; its inverse is real (recreating the table recreates the index). `impliedInverse` is
 * the mirror image (the parts of a new table: dropping the table takes them along on rollback).
 */
import type {
  Bucket,
  Column,
  CompositeType,
  CronJob,
  Constraint,
  DefaultObjects,
  Domain,
  EnumType,
  Extension,
  FunctionDef,
  IdentityOptions,
  Index,
  Policy,
  PrivilegeName,
  Publication,
  PublicationMembership,
  ReplicaIdentity,
  SchemaDef,
  Sequence,
  Table,
  Trigger,
  View,
} from '../catalog/types.js';

interface Base {
  readonly implied?: boolean;
  readonly impliedInverse?: boolean;
}

/** A column of some table whose type is an enum (for ReplaceEnum's column swap). */
export interface EnumColumnUse {
  readonly table: string;
  readonly column: string;
  readonly array: boolean;
  /** Default to restore after the swap (as the column should end up). */
  readonly default?: string;
}

/**
 * The grant option of a Grant or Revoke. On a Grant: `with` grants privileges the role did not hold
 * WITH GRANT OPTION, `only` adds the option to privileges it held. On a Revoke: `with` revokes
 * privileges held with the option (the inverse grants them back with it), `only` is REVOKE GRANT
 * OPTION FOR (the privileges stay).
 */
export type GrantOption = 'with' | 'only';

/** What a comment or a grant is attached to. */
export type ObjectRef =
  | { readonly type: 'schema'; readonly name: string }
  | { readonly type: 'table' | 'view' | 'materialized view' | 'sequence' | 'type' | 'domain'; readonly key: string }
  | { readonly type: 'column'; readonly table: string; readonly column: string }
  | { readonly type: 'index'; readonly table: string; readonly name: string }
  | { readonly type: 'constraint' | 'trigger' | 'policy'; readonly table: string; readonly name: string }
  | { readonly type: 'function'; readonly fn: FunctionDef }
  | { readonly type: 'default privileges'; readonly schema: string; readonly forRole: string; readonly objects: DefaultObjects };

export type Change = Base &
  (
    | { readonly kind: 'CreateSchema'; readonly schema: SchemaDef }
    | { readonly kind: 'DropSchema'; readonly schema: SchemaDef }
    | { readonly kind: 'CreateExtension'; readonly extension: Extension }
    | { readonly kind: 'DropExtension'; readonly extension: Extension }
    | { readonly kind: 'CreateEnum'; readonly enum: EnumType }
    | { readonly kind: 'DropEnum'; readonly enum: EnumType }
    | { readonly kind: 'AddEnumValue'; readonly enum: EnumType; readonly value: string; readonly before?: string; readonly after?: string; readonly result: EnumType; readonly columns: readonly EnumColumnUse[]; readonly columnsBefore: readonly EnumColumnUse[] }
    | { readonly kind: 'RenameEnumValue'; readonly enum: string; readonly from: string; readonly to: string }
    | {
        readonly kind: 'ReplaceEnum';
        readonly from: EnumType;
        readonly to: EnumType;
        /** old value -> new value */
        readonly remap: Readonly<Record<string, string>>;
        readonly columns: readonly EnumColumnUse[];
        /** Same uses, as they are before the swap (for the reverse). */
        readonly columnsBefore: readonly EnumColumnUse[];
      }
    | { readonly kind: 'CreateComposite'; readonly composite: CompositeType }
    | { readonly kind: 'DropComposite'; readonly composite: CompositeType }
    /** Attributes added, dropped or retyped in place (ALTER TYPE ... ADD / DROP / ALTER ATTRIBUTE). */
    | { readonly kind: 'AlterComposite'; readonly from: CompositeType; readonly to: CompositeType }
    | { readonly kind: 'CreateDomain'; readonly domain: Domain }
    | { readonly kind: 'DropDomain'; readonly domain: Domain }
    | { readonly kind: 'AlterDomain'; readonly from: Domain; readonly to: Domain }
    | { readonly kind: 'CreateSequence'; readonly sequence: Sequence }
    | { readonly kind: 'DropSequence'; readonly sequence: Sequence }
    | { readonly kind: 'AlterSequence'; readonly from: Sequence; readonly to: Sequence }
    | { readonly kind: 'SetSequenceOwner'; readonly sequence: string; readonly from?: string; readonly to?: string }
    | { readonly kind: 'CreateTable'; readonly table: Table }
    /** `whileTable`: drop only while that table exists (the name is freed for it by a rename). */
    | { readonly kind: 'DropTable'; readonly table: Table; readonly whileTable?: string; readonly whileTableKind?: true; readonly unlessShape?: string }
    /** An existing table made a partition of `parent` (its rows kept), and the reverse. */
    | { readonly kind: 'AttachPartition'; readonly table: string; readonly parent: string; readonly bound: string }
    | { readonly kind: 'DetachPartition'; readonly table: string; readonly parent: string; readonly bound: string }
    /** `parts`: the table's keys, indexes and sequences renamed with it (names in the table's schema). */
    | { readonly kind: 'RenameTable'; readonly from: string; readonly to: string; readonly parts: RenamedParts }
    | { readonly kind: 'AddColumn'; readonly table: string; readonly column: Column; readonly existing: boolean; readonly backfill?: string }
    /** `whileColumn`: drop only while that column exists (the name is freed for it by a rename; the rename makes the drop a no-op on a re-run). */
    | {
        readonly kind: 'DropColumn';
        readonly table: string;
        readonly column: Column;
        readonly existing: boolean;
        readonly whileColumn?: string;
        /** The rollback of a backfilled column: also drops the fill trigger an interrupted forward left. */
        readonly backfilled?: boolean;
      }
    | { readonly kind: 'RenameColumn'; readonly table: string; readonly from: string; readonly to: string }
    /** Renames that form a cycle (a -> b while b -> a): done at once through temporary names. `order`: the old names by column position. */
    | { readonly kind: 'RenameColumns'; readonly table: string; readonly renames: readonly (readonly [string, string])[]; readonly order: readonly string[] }
    /** `timeZone`: the zone of the local values when converting between timestamp and timestamptz (UTC by default). */
    | { readonly kind: 'AlterColumnType'; readonly table: string; readonly from: Column; readonly to: Column; readonly timeZone?: string }
    | { readonly kind: 'SetColumnDefault'; readonly table: string; readonly column: string; readonly from?: string; readonly to: string }
    | { readonly kind: 'DropColumnDefault'; readonly table: string; readonly column: string; readonly from: string; readonly beforeIdentity?: true }
    | { readonly kind: 'SetNotNull'; readonly table: string; readonly column: string; readonly existing: boolean }
    | { readonly kind: 'DropNotNull'; readonly table: string; readonly column: string; readonly existing: boolean }
    /**
     * Adds, drops or changes an identity: its generation and its sequence's options (`fromOptions` ->
     * `toOptions`, sparse, for a column of `type`).
     */
    | {
        readonly kind: 'SetIdentity';
        readonly table: string;
        readonly column: string;
        readonly from?: Column['identity'];
        readonly to?: Column['identity'];
        readonly type?: string;
        readonly fromOptions?: IdentityOptions;
        readonly toOptions?: IdentityOptions;
      }
    | { readonly kind: 'AddConstraint'; readonly table: string; readonly constraint: Constraint; readonly existing: boolean; readonly partitioned?: true }
    /** `onlyLocal`: a table attached as a partition by the plan, where the re-run finds the parent's inherited twin under that name. */
    | { readonly kind: 'DropConstraint'; readonly table: string; readonly constraint: Constraint; readonly existing: boolean; readonly partitioned?: true; readonly onlyLocal?: true }
    /** VALIDATE of a constraint left NOT VALID (e.g. by a VALIDATE that failed at apply). */
    | { readonly kind: 'ValidateConstraint'; readonly table: string; readonly constraint: Constraint }
    /** Its reverse: the constraint back to NOT VALID (dropped and added NOT VALID, which reads no rows). */
    | { readonly kind: 'InvalidateConstraint'; readonly table: string; readonly constraint: Constraint }
    | { readonly kind: 'CreateIndex'; readonly table: string; readonly index: Index; readonly existing: boolean; readonly onView?: boolean; readonly partitions?: readonly IndexPartition[] }
    | { readonly kind: 'DropIndex'; readonly table: string; readonly index: Index; readonly existing: boolean; readonly onView?: boolean; readonly partitions?: readonly IndexPartition[] }
    | { readonly kind: 'CreateFunction'; readonly fn: FunctionDef }
    | { readonly kind: 'ReplaceFunction'; readonly from: FunctionDef; readonly to: FunctionDef }
    | { readonly kind: 'DropFunction'; readonly fn: FunctionDef }
    | { readonly kind: 'CreateTrigger'; readonly table: string; readonly trigger: Trigger; readonly external: boolean }
    | { readonly kind: 'ReplaceTrigger'; readonly table: string; readonly from: Trigger; readonly to: Trigger; readonly external: boolean }
    | { readonly kind: 'DropTrigger'; readonly table: string; readonly trigger: Trigger; readonly external: boolean }
    | { readonly kind: 'EnableRls'; readonly table: string }
    | { readonly kind: 'SetTableStorage'; readonly table: string; readonly from: readonly string[]; readonly to: readonly string[] }
    | { readonly kind: 'DisableRls'; readonly table: string }
    | { readonly kind: 'ForceRls'; readonly table: string }
    | { readonly kind: 'NoForceRls'; readonly table: string }
    | { readonly kind: 'CreatePolicy'; readonly table: string; readonly policy: Policy }
    | { readonly kind: 'AlterPolicy'; readonly table: string; readonly from: Policy; readonly to: Policy }
    | { readonly kind: 'DropPolicy'; readonly table: string; readonly policy: Policy }
    | { readonly kind: 'CreateView'; readonly view: View }
    | { readonly kind: 'ReplaceView'; readonly from: View; readonly to: View }
    | { readonly kind: 'DropView'; readonly view: View }
    | { readonly kind: 'Grant'; readonly target: ObjectRef; readonly role: string; readonly privileges: readonly PrivilegeName[]; readonly option?: GrantOption }
    | { readonly kind: 'Revoke'; readonly target: ObjectRef; readonly role: string; readonly privileges: readonly PrivilegeName[]; readonly option?: GrantOption }
    | { readonly kind: 'SetComment'; readonly target: ObjectRef; readonly from?: string; readonly to?: string }
    /** ALTER ... OWNER TO; an absent owner is the role that runs the migration (CURRENT_USER). */
    | { readonly kind: 'SetOwner'; readonly target: ObjectRef; readonly from?: string; readonly to?: string }
    | { readonly kind: 'AddToPublication'; readonly table: string; readonly publication: string; readonly membership: PublicationMembership }
    | { readonly kind: 'DropFromPublication'; readonly table: string; readonly publication: string; readonly membership: PublicationMembership }
    | { readonly kind: 'SetReplicaIdentity'; readonly table: string; readonly from?: ReplicaIdentity; readonly to?: ReplicaIdentity }
    /** A row of storage.buckets: inserted (no `from`), updated, or deleted (no `to`). */
    | { readonly kind: 'SetBucket'; readonly id: string; readonly from?: Bucket; readonly to?: Bucket }
    /** A pg_cron job: scheduled (no `from`), changed, or unscheduled (no `to`). */
    | { readonly kind: 'SetCronJob'; readonly name: string; readonly from?: CronJob; readonly to?: CronJob }
    /** A publication: created (no `from`), altered (options, schemas, owner, comment), or dropped (no `to`). */
    | { readonly kind: 'SetPublication'; readonly name: string; readonly from?: Publication; readonly to?: Publication }
  );

export type ChangeKind = Change['kind'];

/** What a table rename renames with the table: names derived from the table's name, old -> new. */
export interface RenamedParts {
  readonly constraints: readonly (readonly [string, string])[];
  readonly indexes: readonly (readonly [string, string])[];
  readonly sequences: readonly (readonly [string, string])[];
  /** Identity columns whose sequence carries the table's default name (`<table>_<column>_seq`). */
  readonly identitySequences: readonly { readonly column: string; readonly from: string; readonly to: string }[];
}


/**
 * A partition reached by an index on an existing partitioned table (PostgreSQL has no CREATE INDEX
 * CONCURRENTLY there): its own index is built concurrently and attached. Listed parents first.
 */
export interface IndexPartition {
  readonly table: string;
  /** The table it is a partition of: the top table or another partition in the list. */
  readonly parent: string;
  /** A partition that is partitioned itself gets an `ON ONLY` index, attached in turn. */
  readonly partitioned: boolean;
}

/** A change the renderer does not know: a planner bug, never skipped silently. */
export class UnsupportedChange extends Error {
  readonly change: unknown;
  constructor(change: unknown) {
    super(`unsupported change: ${JSON.stringify(change).slice(0, 200)}`);
    this.name = 'UnsupportedChange';
    this.change = change;
  }
}

/**
 * The default branch of every switch over a Change: `change` is `never` there when the switch
 * handles every kind, so a kind added to the union and missed in a switch fails to compile.
 */
export function unsupported(change: never): never {
  throw new UnsupportedChange(change);
}

function flip(change: Change): Base {
  const out: { implied?: boolean; impliedInverse?: boolean } = {};
  if (change.impliedInverse) out.implied = true;
  if (change.implied) out.impliedInverse = true;
  return out;
}

/** The change that undoes `change`. */
export function invertChange(change: Change): Change {
  const f = flip(change);
  switch (change.kind) {
    case 'CreateSchema':
      return { ...f, kind: 'DropSchema', schema: change.schema };
    case 'DropSchema':
      return { ...f, kind: 'CreateSchema', schema: change.schema };
    case 'CreateExtension':
      return { ...f, kind: 'DropExtension', extension: change.extension };
    case 'DropExtension':
      return { ...f, kind: 'CreateExtension', extension: change.extension };
    case 'CreateEnum':
      return { ...f, kind: 'DropEnum', enum: change.enum };
    case 'DropEnum':
      return { ...f, kind: 'CreateEnum', enum: change.enum };
    case 'AddEnumValue':
      return { ...f, kind: 'ReplaceEnum', from: change.result, to: change.enum, remap: {}, columns: change.columnsBefore, columnsBefore: change.columns };
    case 'RenameEnumValue':
      return { ...f, kind: 'RenameEnumValue', enum: change.enum, from: change.to, to: change.from };
    case 'ReplaceEnum': {
      const remap: Record<string, string> = {};
      for (const [a, b] of Object.entries(change.remap)) if (!change.from.values.includes(b)) remap[b] = a;
      return { ...f, kind: 'ReplaceEnum', from: change.to, to: change.from, remap, columns: change.columnsBefore, columnsBefore: change.columns };
    }
    case 'CreateComposite':
      return { ...f, kind: 'DropComposite', composite: change.composite };
    case 'DropComposite':
      return { ...f, kind: 'CreateComposite', composite: change.composite };
    case 'AlterComposite':
      return { ...f, kind: 'AlterComposite', from: change.to, to: change.from };
    case 'CreateDomain':
      return { ...f, kind: 'DropDomain', domain: change.domain };
    case 'DropDomain':
      return { ...f, kind: 'CreateDomain', domain: change.domain };
    case 'AlterDomain':
      return { ...f, kind: 'AlterDomain', from: change.to, to: change.from };
    case 'CreateSequence':
      return { ...f, kind: 'DropSequence', sequence: change.sequence };
    case 'DropSequence':
      return { ...f, kind: 'CreateSequence', sequence: change.sequence };
    case 'AlterSequence':
      return { ...f, kind: 'AlterSequence', from: change.to, to: change.from };
    case 'SetSequenceOwner':
      return { ...f, kind: 'SetSequenceOwner', sequence: change.sequence, ...opt('from', change.to), ...opt('to', change.from) };
    case 'CreateTable':
      return { ...f, kind: 'DropTable', table: change.table };
    case 'DropTable':
      return { ...f, kind: 'CreateTable', table: change.table };
    case 'AttachPartition':
      return { ...f, kind: 'DetachPartition', table: change.table, parent: change.parent, bound: change.bound };
    case 'DetachPartition':
      return { ...f, kind: 'AttachPartition', table: change.table, parent: change.parent, bound: change.bound };
    case 'RenameTable':
      return { ...f, kind: 'RenameTable', from: change.to, to: change.from, parts: invertParts(change.parts) };
    case 'AddColumn':
      return { ...f, kind: 'DropColumn', table: change.table, column: change.column, existing: change.existing, ...(change.backfill === undefined ? {} : { backfilled: true }) };
    case 'DropColumn':
      return { ...f, kind: 'AddColumn', table: change.table, column: change.column, existing: change.existing };
    case 'RenameColumn':
      return { ...f, kind: 'RenameColumn', table: change.table, from: change.to, to: change.from };
    case 'RenameColumns': {
      const to = new Map(change.renames);
      return { ...f, kind: 'RenameColumns', table: change.table, renames: change.renames.map(([a, b]) => [b, a] as const), order: change.order.map((n) => to.get(n) ?? n) };
    }
    case 'AlterColumnType':
      return { ...f, kind: 'AlterColumnType', table: change.table, from: change.to, to: change.from, ...(change.timeZone === undefined ? {} : { timeZone: change.timeZone }) };
    case 'SetColumnDefault':
      return change.from === undefined
        ? { ...f, kind: 'DropColumnDefault', table: change.table, column: change.column, from: change.to }
        : { ...f, kind: 'SetColumnDefault', table: change.table, column: change.column, from: change.to, to: change.from };
    case 'DropColumnDefault':
      return { ...f, kind: 'SetColumnDefault', table: change.table, column: change.column, to: change.from };
    case 'SetNotNull':
      return { ...f, kind: 'DropNotNull', table: change.table, column: change.column, existing: change.existing };
    case 'DropNotNull':
      return { ...f, kind: 'SetNotNull', table: change.table, column: change.column, existing: change.existing };
    case 'SetIdentity':
      return {
        ...f,
        kind: 'SetIdentity',
        table: change.table,
        column: change.column,
        ...opt('from', change.to),
        ...opt('to', change.from),
        ...opt('type', change.type),
        ...opt('fromOptions', change.toOptions),
        ...opt('toOptions', change.fromOptions),
      };
    case 'AddConstraint':
      return { ...f, kind: 'DropConstraint', table: change.table, constraint: change.constraint, existing: change.existing, ...(change.partitioned ? { partitioned: true as const } : {}) };
    case 'DropConstraint':
      return { ...f, kind: 'AddConstraint', table: change.table, constraint: change.constraint, existing: change.existing, ...(change.partitioned ? { partitioned: true as const } : {}) };
    case 'ValidateConstraint':
      return { ...f, kind: 'InvalidateConstraint', table: change.table, constraint: change.constraint };
    case 'InvalidateConstraint':
      return { ...f, kind: 'ValidateConstraint', table: change.table, constraint: change.constraint };
    case 'CreateIndex':
      return { ...f, kind: 'DropIndex', table: change.table, index: change.index, existing: change.existing, ...(change.onView ? { onView: true } : {}), ...(change.partitions ? { partitions: change.partitions } : {}) };
    case 'DropIndex':
      return { ...f, kind: 'CreateIndex', table: change.table, index: change.index, existing: change.existing, ...(change.onView ? { onView: true } : {}), ...(change.partitions ? { partitions: change.partitions } : {}) };
    case 'CreateFunction':
      return { ...f, kind: 'DropFunction', fn: change.fn };
    case 'ReplaceFunction':
      return { ...f, kind: 'ReplaceFunction', from: change.to, to: change.from };
    case 'DropFunction':
      return { ...f, kind: 'CreateFunction', fn: change.fn };
    case 'CreateTrigger':
      return { ...f, kind: 'DropTrigger', table: change.table, trigger: change.trigger, external: change.external };
    case 'ReplaceTrigger':
      return { ...f, kind: 'ReplaceTrigger', table: change.table, from: change.to, to: change.from, external: change.external };
    case 'DropTrigger':
      return { ...f, kind: 'CreateTrigger', table: change.table, trigger: change.trigger, external: change.external };
    case 'EnableRls':
      return { ...f, kind: 'DisableRls', table: change.table };
    case 'SetTableStorage':
      return { ...f, kind: 'SetTableStorage', table: change.table, from: change.to, to: change.from };
    case 'DisableRls':
      return { ...f, kind: 'EnableRls', table: change.table };
    case 'ForceRls':
      return { ...f, kind: 'NoForceRls', table: change.table };
    case 'NoForceRls':
      return { ...f, kind: 'ForceRls', table: change.table };
    case 'CreatePolicy':
      return { ...f, kind: 'DropPolicy', table: change.table, policy: change.policy };
    case 'AlterPolicy':
      return { ...f, kind: 'AlterPolicy', table: change.table, from: change.to, to: change.from };
    case 'DropPolicy':
      return { ...f, kind: 'CreatePolicy', table: change.table, policy: change.policy };
    case 'CreateView':
      return { ...f, kind: 'DropView', view: change.view };
    case 'ReplaceView':
      return { ...f, kind: 'ReplaceView', from: change.to, to: change.from };
    case 'DropView':
      return { ...f, kind: 'CreateView', view: change.view };
    case 'Grant':
      // Privileges granted new (with the option or not) are revoked whole; an added option alone goes alone.
      return { ...f, kind: 'Revoke', target: change.target, role: change.role, privileges: change.privileges, ...(change.option === 'only' ? { option: 'only' as const } : {}) };
    case 'Revoke':
      return { ...f, kind: 'Grant', target: change.target, role: change.role, privileges: change.privileges, ...(change.option ? { option: change.option } : {}) };
    case 'SetComment':
      return { ...f, kind: 'SetComment', target: change.target, ...opt('from', change.to), ...opt('to', change.from) };
    case 'SetOwner':
      return { ...f, kind: 'SetOwner', target: change.target, ...opt('from', change.to), ...opt('to', change.from) };
    case 'AddToPublication':
      return { ...f, kind: 'DropFromPublication', table: change.table, publication: change.publication, membership: change.membership };
    case 'DropFromPublication':
      return { ...f, kind: 'AddToPublication', table: change.table, publication: change.publication, membership: change.membership };
    case 'SetReplicaIdentity':
      return { ...f, kind: 'SetReplicaIdentity', table: change.table, ...opt('from', change.to), ...opt('to', change.from) };
    case 'SetBucket':
      return { ...f, kind: 'SetBucket', id: change.id, ...opt('from', change.to), ...opt('to', change.from) };
    case 'SetCronJob':
      return { ...f, kind: 'SetCronJob', name: change.name, ...opt('from', change.to), ...opt('to', change.from) };
    case 'SetPublication':
      return { ...f, kind: 'SetPublication', name: change.name, ...opt('from', change.to), ...opt('to', change.from) };
    default:
      return unsupported(change);
  }
}

function invertParts(p: RenamedParts): RenamedParts {
  const back = (pairs: readonly (readonly [string, string])[]): [string, string][] => pairs.map(([a, b]) => [b, a]);
  return {
    constraints: back(p.constraints),
    indexes: back(p.indexes),
    sequences: back(p.sequences),
    identitySequences: p.identitySequences.map((s) => ({ column: s.column, from: s.to, to: s.from })),
  };
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
