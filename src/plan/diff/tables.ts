/** Tables and everything on them: columns, constraints, indexes, triggers, RLS, policies, grants, comments. */
import { sameIdentityOptions } from '../../catalog/identity-options.js';
import type { Column, Constraint, Policy, Table } from '../../catalog/types.js';
import { invertChange, type Change } from '../changes.js';
import { commentChange, grantChanges, omit, same, type DiffContext } from './context.js';
import { constraintIndexComments, identitySequenceComment } from './constraint-index-comments.js';
import { columnRenamesBetween, renameColumnsInTable } from './renames.js';
import { own } from '../../util/object-keys.js';
import { indexPartitions } from './index-partitions.js';

/** Column renames (old -> new) of a table named by its live key (the referenced side of an FK). */
function columnRenamesOf(ctx: DiffContext, liveKey: string): ReadonlyMap<string, string> {
  const renames = ctx.inputs.columnRenames;
  if (Object.keys(renames).length === 0) return new Map();
  let key = liveKey;
  for (const [to, from] of Object.entries(ctx.inputs.tableRenames)) if (from === liveKey && !ctx.to.tables[liveKey]) key = to;
  const a = ctx.from.tables[liveKey];
  const b = ctx.to.tables[key];
  return a && b ? columnRenamesBetween(renames, key, a, b).renames : new Map();
}

type Flags = { implied?: boolean; impliedInverse?: boolean };

/** Constraint definition without a trailing NOT VALID (validation state is not schema). */
export function constraintDef(c: Constraint): string {
  return c.definition.replace(/\s+NOT VALID$/, '');
}

function sameConstraint(a: Constraint, b: Constraint): boolean {
  return same(
    { ...omit(a, 'validated', 'comment', 'indexComment', 'definition'), d: constraintDef(a) },
    { ...omit(b, 'validated', 'comment', 'indexComment', 'definition'), d: constraintDef(b) },
  );
}

/** Everything a new table needs, in order. The parts are `impliedInverse`: dropping the table takes them. */
export function createTableChanges(ctx: DiffContext, key: string, table: Table): Change[] {
  const f: Flags = { impliedInverse: true };
  const out: Change[] = [{ kind: 'CreateTable', table }];
  for (const c of Object.values(table.constraints)) {
    // An FK to another table is dropped on its own before the tables go (they may reference each other).
    const flags = c.foreignKey && c.foreignKey.table !== key ? {} : f;
    out.push({ ...flags, kind: 'AddConstraint', table: key, constraint: c, existing: false });
  }
  for (const i of Object.values(table.indexes)) out.push({ ...f, kind: 'CreateIndex', table: key, index: i, existing: false });
  for (const t of Object.values(table.triggers)) out.push({ ...f, kind: 'CreateTrigger', table: key, trigger: t, external: false });
  if (table.rls) out.push({ ...f, kind: 'EnableRls', table: key });
  if (table.forceRls) out.push({ ...f, kind: 'ForceRls', table: key });
  for (const p of Object.values(table.policies)) out.push({ ...f, kind: 'CreatePolicy', table: key, policy: p });
  out.push(...publicationChanges(key, undefined, table, f));
  out.push(...grantChanges(ctx, { type: 'table', key }, {}, table.grants, f));
  for (const c of table.columns) out.push(...columnGrants(ctx, key, c.name, undefined, c, f));
  out.push(...tableComments(key, undefined, table, f));
  return out;
}

function tableComments(key: string, before: Table | undefined, after: Table, f: Flags): Change[] {
  const out: Change[] = [];
  out.push(...commentChange({ type: 'table', key }, before?.comment, after.comment, f));
  for (const c of after.columns) {
    const b = before?.columns.find((x) => x.name === c.name);
    out.push(...commentChange({ type: 'column', table: key, column: c.name }, b?.comment, c.comment, f));
    out.push(...identitySequenceComment(key, b, c, f));
  }
  for (const c of Object.values(after.constraints)) {
    out.push(...commentChange({ type: 'constraint', table: key, name: c.name }, own(before?.constraints, c.name)?.comment, c.comment, f));
    out.push(...commentChange({ type: 'index', table: key, name: c.name }, own(before?.constraints, c.name)?.indexComment, c.indexComment, f));
  }
  for (const i of Object.values(after.indexes)) {
    out.push(...commentChange({ type: 'index', table: key, name: i.name }, own(before?.indexes, i.name)?.comment, i.comment, f));
  }
  for (const t of Object.values(after.triggers)) {
    out.push(...commentChange({ type: 'trigger', table: key, name: t.name }, own(before?.triggers, t.name)?.comment, t.comment, f));
  }
  for (const p of Object.values(after.policies)) {
    out.push(...commentChange({ type: 'policy', table: key, name: p.name }, own(before?.policies, p.name)?.comment, p.comment, f));
  }
  return out;
}

export function dropTableChanges(ctx: DiffContext, key: string, table: Table): Change[] {
  const out = createTableChanges(ctx, key, table).map(invertChange);
  // A table replaced by a view of the same name: on a re-run the name is the view's, so the drop checks the kind.
  if (!ctx.to.views[key]) return out;
  return out.map((c) => (c.kind === 'DropTable' ? { ...c, whileTableKind: true as const } : c));
}

/** `a` is the table as it is (under its old name, if renamed), `b` as it should be, `key` its new key. */
export function alterTableChanges(ctx: DiffContext, key: string, live: Table, b: Table, recreateTriggers: ReadonlySet<string>): Change[] {
  const out: Change[] = [];
  const { renames, steps } = columnRenamesBetween(ctx.inputs.columnRenames, key, live, b);
  for (const s of steps) {
    if (s.kind === 'single') out.push({ kind: 'RenameColumn', table: key, from: s.from, to: s.to });
    else out.push({ kind: 'RenameColumns', table: key, renames: s.renames, order: s.order });
  }
  // The live table as the renames leave it (expressions follow renamed columns; FKs follow renamed targets).
  // A live column whose name a renamed column takes over is dropped (before the rename: see order.ts).
  const targets = new Set(renames.values());
  const clashing = live.columns.filter((c) => targets.has(c.name) && !renames.has(c.name));
  const renamedFrom = new Map([...renames].map(([from, to]) => [to, from]));
  for (const col of clashing) {
    out.push(...dropColumn(ctx, key, col).map((c) => (c.kind === 'DropColumn' ? { ...c, whileColumn: renamedFrom.get(col.name)! } : c)));
  }
  const kept = clashing.length === 0 ? live : { ...live, columns: live.columns.filter((c) => !clashing.includes(c)) };
  const a = renameColumnsInTable(kept, renames, (table) => columnRenamesOf(ctx, table));
  const byName = new Map(a.columns.map((c) => [c.name, c]));
  const matched = new Set<string>();
  const added: Column[] = [];
  const pairs: [Column, Column][] = [];
  for (const col of b.columns) {
    const old = byName.get(col.name);
    if (old) {
      matched.add(old.name);
      pairs.push([old, col]);
    } else added.push(col);
  }
  // A partition's columns are its parent's: adding, dropping or retyping them happens on the parent.
  const parent = live.partitionOf && b.partitionOf && live.partitionOf.parent === b.partitionOf.parent ? b.partitionOf.parent : undefined;
  const inheritedBefore = new Set(parent ? (ctx.from.tables[parent]?.columns ?? []).map((c) => c.name) : []);
  const inheritedAfter = new Set(parent ? (ctx.to.tables[parent]?.columns ?? []).map((c) => c.name) : []);
  // Drops first (a dropped column may free the name of an added one).
  for (const col of a.columns) {
    if (matched.has(col.name) || inheritedBefore.has(col.name)) continue;
    out.push(...dropColumn(ctx, key, col));
  }
  for (const [old, col] of pairs) {
    const changes = alterColumn(ctx, key, old, col);
    const inherited = inheritedBefore.has(col.name) && inheritedAfter.has(col.name);
    out.push(...(inherited ? changes.filter((c) => c.kind !== 'AlterColumnType') : changes));
  }
  for (const col of added) if (!inheritedAfter.has(col.name)) out.push(...addColumn(ctx, key, col));

  // Constraints: changed ones are dropped and added.
  // A partition's constraints of its parent's name are the parent's, added and dropped with it.
  const parentBefore = parent ? (ctx.from.tables[parent]?.constraints ?? {}) : {};
  const parentAfter = parent ? (ctx.to.tables[parent]?.constraints ?? {}) : {};
  for (const [name, c] of Object.entries(a.constraints)) {
    const n = own(b.constraints, name);
    if (own(parentBefore, name)) continue;
    if (!n || !sameConstraint(c, n)) out.push({ kind: 'DropConstraint', table: key, constraint: c, existing: true, ...(live.partitionBy ? { partitioned: true as const } : {}) });
  }
  for (const [name, c] of Object.entries(b.constraints)) {
    const o = own(a.constraints, name);
    if (own(parentAfter, name)) continue;
    if (!o || !sameConstraint(o, c)) out.push({ kind: 'AddConstraint', table: key, constraint: c, existing: true, ...(b.partitionBy ? { partitioned: true as const } : {}) });
    // Left NOT VALID (a VALIDATE that failed at apply, or one never run): validated again.
    else if (!o.validated && c.validated) out.push({ kind: 'ValidateConstraint', table: key, constraint: c });
    // Declared `validated: false` over a validated constraint: back to NOT VALID (no rows read).
    else if (o.validated && !c.validated) out.push({ kind: 'InvalidateConstraint', table: key, constraint: c });
  }
  const rebuiltOn = indexPartitions(ctx.to, ctx.from, key);
  for (const [name, i] of Object.entries(a.indexes)) {
    const n = own(b.indexes, name);
    if (!n || !same(omit(i, 'comment', 'definition'), omit(n, 'comment', 'definition'))) {
      out.push({ kind: 'DropIndex', table: key, index: i, existing: true, ...(rebuiltOn ? { partitions: rebuiltOn } : {}) });
    }
  }
  const partitions = indexPartitions(ctx.from, ctx.to, key);
  for (const [name, i] of Object.entries(b.indexes)) {
    const o = own(a.indexes, name);
    if (!o || !same(omit(o, 'comment', 'definition'), omit(i, 'comment', 'definition'))) {
      out.push({ kind: 'CreateIndex', table: key, index: i, existing: true, ...(partitions ? { partitions } : {}) });
    }
  }
  out.push(...triggerChanges(key, a.triggers, b.triggers, false, recreateTriggers));
  if (!same(a.with ?? [], b.with ?? [])) out.push({ kind: 'SetTableStorage', table: key, from: a.with ?? [], to: b.with ?? [] });
  if (a.rls !== b.rls) out.push({ kind: b.rls ? 'EnableRls' : 'DisableRls', table: key });
  if (a.forceRls !== b.forceRls) out.push({ kind: b.forceRls ? 'ForceRls' : 'NoForceRls', table: key });
  out.push(...policyChanges(key, a.policies, b.policies));
  out.push(...publicationChanges(key, a, b));
  out.push(...grantChanges(ctx, { type: 'table', key }, a.grants, b.grants));
  // A column dropped and re-added (generated expression change) gets its grants from the add.
  for (const [old, col] of pairs) if (sameGenerated(old.generated, col.generated)) out.push(...columnGrants(ctx, key, col.name, old, col));
  out.push(...tableCommentsBetween(key, a, b, pairs));
  return out;
}

/**
 * ALTER POLICY can change roles and expressions, but not the command or the kind, and it cannot remove
 * an expression. The rollback runs the reverse ALTER, so neither may add one (a WITH CHECK added is
 * one the rollback could not remove): otherwise the policy is dropped and created, both ways.
 */
function policyAlterable(p: Policy, n: Policy): boolean {
  return p.command === n.command && p.permissive === n.permissive && (p.using === undefined) === (n.using === undefined) && (p.check === undefined) === (n.check === undefined);
}

function tableCommentsBetween(key: string, a: Table, b: Table, pairs: readonly [Column, Column][]): Change[] {
  const out: Change[] = [];
  out.push(...commentChange({ type: 'table', key }, a.comment, b.comment));
  for (const [old, col] of pairs) {
    // A column dropped and re-added (generated expression change) gets its comment from the add.
    if (!sameGenerated(old.generated, col.generated)) continue;
    out.push(...commentChange({ type: 'column', table: key, column: col.name }, old.comment, col.comment));
    out.push(...identitySequenceComment(key, old.identity === col.identity || (old.identity !== undefined && col.identity !== undefined) ? old : undefined, col));
  }
  const parts = [
    ['constraint', a.constraints, b.constraints],
    ['index', a.indexes, b.indexes],
    ['trigger', a.triggers, b.triggers],
    ['policy', a.policies, b.policies],
  ] as const;
  for (const [type, before, after] of parts) {
    for (const [name, item] of Object.entries(after) as [string, { comment?: string }][]) {
      const old = own(before as Record<string, { comment?: string }>, name);
      // A recreated object starts without a comment.
      const recreated =
        old === undefined ||
        (type === 'constraint' && !sameConstraint(old as Constraint, item as Constraint)) ||
        (type === 'index' && !same(omit(old, 'comment', 'definition'), omit(item, 'comment', 'definition'))) ||
        (type === 'policy' && !same(omit(old, 'comment'), omit(item, 'comment')) && !policyAlterable(old as Policy, item as Policy));
      if (!recreated || old === undefined) {
        out.push(...commentChange({ type, table: key, name }, recreated ? undefined : old.comment, item.comment));
        continue;
      }
      // Dropped and created: the drop takes the old comment (restored after the rollback's create), the
      // rollback's drop takes the new one.
      const target = { type, table: key, name } as const;
      out.push(...commentChange(target, old.comment, undefined, { implied: true }), ...commentChange(target, undefined, item.comment, { impliedInverse: true }));
    }
    for (const [name, item] of Object.entries(before) as [string, { comment?: string }][]) {
      if (!Object.hasOwn(after, name) && item.comment !== undefined) out.push(...commentChange({ type, table: key, name }, item.comment, undefined, { implied: true }));
    }
  }
  out.push(...constraintIndexComments(key, a, b));
  return out;
}

export function triggerChanges(
  table: string,
  before: Readonly<Record<string, import('../../catalog/types.js').Trigger>>,
  after: Readonly<Record<string, import('../../catalog/types.js').Trigger>>,
  external: boolean,
  recreate: ReadonlySet<string>,
): Change[] {
  const out: Change[] = [];
  const comparable = (t: import('../../catalog/types.js').Trigger): unknown => omit(t, 'comment', 'definition');
  for (const [name, t] of Object.entries(before)) {
    const n = own(after, name);
    // A trigger moving to another function is dropped and created, so the old function can be dropped between.
    if (!n || recreate.has(t.function) || n.function !== t.function) out.push({ kind: 'DropTrigger', table, trigger: t, external });
  }
  for (const [name, t] of Object.entries(after)) {
    const o = own(before, name);
    if (!o || recreate.has(o.function) || o.function !== t.function) out.push({ kind: 'CreateTrigger', table, trigger: t, external });
    else if (!same(comparable(o), comparable(t))) out.push({ kind: 'ReplaceTrigger', table, from: o, to: t, external });
  }
  return out;
}

/** GRANT/REVOKE of a column's privileges (`GRANT UPDATE (col) ON ...`). */
function columnGrants(ctx: DiffContext, key: string, column: string, before: Column | undefined, after: Column | undefined, flags: Flags = {}): Change[] {
  return grantChanges(ctx, { type: 'column', table: key, column }, before?.grants ?? {}, after?.grants ?? {}, flags);
}

function dropColumn(ctx: DiffContext, key: string, col: Column): Change[] {
  return [
    ...commentChange({ type: 'column', table: key, column: col.name }, col.comment, undefined, { implied: true }),
    ...columnGrants(ctx, key, col.name, col, undefined, { implied: true }),
    { kind: 'DropColumn', table: key, column: col, existing: true },
  ];
}

function addColumn(ctx: DiffContext, key: string, col: Column): Change[] {
  const backfill = ctx.inputs.backfills[`${key}.${col.name}`];
  return [
    { kind: 'AddColumn', table: key, column: col, existing: true, ...(backfill === undefined ? {} : { backfill }) },
    ...commentChange({ type: 'column', table: key, column: col.name }, undefined, col.comment, { impliedInverse: true }),
    ...columnGrants(ctx, key, col.name, undefined, col, { impliedInverse: true }),
  ];
}

/**
 * Generation expressions compared as Postgres means them: both sides come from pg_get_expr (the desired
 * side from the shadow), so they match as printed; whitespace and redundant outer parentheses (a spec
 * or an older server may print them) are not a change worth dropping and re-adding a column for.
 */
export function sameGenerated(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return bareExpression(a) === bareExpression(b);
}

function bareExpression(e: string): string {
  let s = e.replace(/\s+/g, ' ').trim();
  for (;;) {
    if (!s.startsWith('(') || !s.endsWith(')')) return s;
    // Strip only when the first parenthesis closes at the very end.
    let depth = 0;
    let quoted = false;
    let closesAtEnd = true;
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === "'") quoted = !quoted;
      if (quoted) continue;
      if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0 && i < s.length - 1) {
        closesAtEnd = false;
        break;
      }
    }
    if (!closesAtEnd) return s;
    s = s.slice(1, -1).trim();
  }
}

function alterColumn(ctx: DiffContext, key: string, a: Column, b: Column): Change[] {
  if (!sameGenerated(a.generated, b.generated)) return [...dropColumn(ctx, key, a), ...addColumn(ctx, key, b)];
  const out: Change[] = [];
  const typeChanges = a.type !== b.type || a.collation !== b.collation;
  const col = b.name;
  if (a.identity && !b.identity) out.push({ kind: 'SetIdentity', table: key, column: col, from: a.identity, type: a.type, ...(a.identityOptions ? { fromOptions: a.identityOptions } : {}) });
  if (typeChanges) {
    if (a.default !== undefined) out.push({ kind: 'DropColumnDefault', table: key, column: col, from: a.default });
    const timeZone = ctx.inputs.timeZones?.[`${key}.${col}`];
    out.push({ kind: 'AlterColumnType', table: key, from: { ...a, name: col }, to: b, ...(timeZone === undefined ? {} : { timeZone }) });
    if (b.default !== undefined) out.push({ kind: 'SetColumnDefault', table: key, column: col, to: b.default });
  } else if (a.default !== b.default) {
    // Before a new identity, the drop is skipped on a re-run (the column is then an identity, which has no default).
    if (b.default === undefined) out.push({ kind: 'DropColumnDefault', table: key, column: col, from: a.default!, ...(b.identity && !a.identity ? { beforeIdentity: true as const } : {}) });
    else out.push({ kind: 'SetColumnDefault', table: key, column: col, ...(a.default === undefined ? {} : { from: a.default }), to: b.default });
  }
  if (a.notNull !== b.notNull) out.push({ kind: b.notNull ? 'SetNotNull' : 'DropNotNull', table: key, column: col, existing: true });
  // A dropped identity's options were the old one's: a re-added identity starts from the defaults.
  const fromOptions = a.identity ? a.identityOptions : undefined;
  if (b.identity && (a.identity !== b.identity || !sameIdentityOptions(fromOptions, b.identityOptions))) {
    out.push({
      kind: 'SetIdentity',
      table: key,
      column: col,
      ...(a.identity ? { from: a.identity } : {}),
      to: b.identity,
      type: b.type,
      ...(fromOptions ? { fromOptions } : {}),
      ...(b.identityOptions ? { toOptions: b.identityOptions } : {}),
    });
  }
  return out;
}

/** Policies of one table (managed, or a platform table's the spec owns), diffed by name. */
export function policyChanges(key: string, a: Readonly<Record<string, Policy>>, b: Readonly<Record<string, Policy>>): Change[] {
  const out: Change[] = [];
  for (const [name, p] of Object.entries(a)) {
    const n = own(b, name);
    if (!n) out.push({ kind: 'DropPolicy', table: key, policy: p });
    else if (!same(omit(p, 'comment'), omit(n, 'comment'))) {
      if (policyAlterable(p, n)) out.push({ kind: 'AlterPolicy', table: key, from: p, to: n });
      else out.push({ kind: 'DropPolicy', table: key, policy: p }, { kind: 'CreatePolicy', table: key, policy: n });
    }
  }
  for (const [name, p] of Object.entries(b)) if (!own(a, name)) out.push({ kind: 'CreatePolicy', table: key, policy: p });
  return out;
}

/** Publication memberships and replica identity: a changed column list or filter is a drop and an add. */
export function publicationChanges(key: string, a: Table | undefined, b: Table, flags: Flags = {}): Change[] {
  const out: Change[] = [];
  const before = a?.publications ?? {};
  const after = b.publications ?? {};
  for (const [publication, m] of Object.entries(before)) {
    const n = own(after, publication);
    if (!n || !same(m, n)) out.push({ ...flags, kind: 'DropFromPublication', table: key, publication, membership: m });
  }
  for (const [publication, m] of Object.entries(after)) {
    const o = own(before, publication);
    if (!o || !same(o, m)) out.push({ ...flags, kind: 'AddToPublication', table: key, publication, membership: m });
  }
  if (!same(a?.replicaIdentity ?? null, b.replicaIdentity ?? null)) {
    out.push({ ...flags, kind: 'SetReplicaIdentity', table: key, ...(a?.replicaIdentity ? { from: a.replicaIdentity } : {}), ...(b.replicaIdentity ? { to: b.replicaIdentity } : {}) });
  }
  return out;
}
