/**
 * Column renames as Postgres applies them: every stored expression (index keys and predicates, checks,
 * policies, trigger conditions, generated columns) follows a renamed column, because it refers to it by
 * number. So the live table is first seen "through" the renames (its expressions reprinted with the new
 * names); only what still differs after that is a real change. Dropped objects then carry the names the
 * table has after the renames, which is also what their rollback re-creates before the renames back.
 */
import { quoteIdent } from '../../catalog/names.js';
import type { Column, Constraint, Table } from '../../catalog/types.js';

/**
 * Replaces column identifiers in an expression as printed by Postgres: bare (`is_read`) or quoted
 * (`"Is Read"`) tokens naming an old column become the new name, quoted as Postgres quotes it.
 * String literals, function names (`name(`) and type names (`::name`) are left alone.
 */
export function renameInExpression(expression: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return expression;
  let out = '';
  let i = 0;
  const n = expression.length;
  while (i < n) {
    const ch = expression[i]!;
    if (ch === "'") {
      let j = i + 1;
      while (j < n) {
        if (expression[j] === "'") {
          if (expression[j + 1] === "'") j += 2;
          else break;
        } else j++;
      }
      out += expression.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    let name: string | undefined;
    let end = i;
    if (ch === '"') {
      let j = i + 1;
      let value = '';
      while (j < n) {
        if (expression[j] === '"') {
          if (expression[j + 1] === '"') {
            value += '"';
            j += 2;
          } else break;
        } else value += expression[j++];
      }
      name = value;
      end = j + 1;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(ch) && (i === 0 || !/[A-Za-z0-9_$\u0080-\uffff]/.test(expression[i - 1]!))) {
      let j = i;
      while (j < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(expression[j]!)) j++;
      name = expression.slice(i, j);
      end = j;
    }
    if (name === undefined) {
      out += ch;
      i++;
      continue;
    }
    const token = expression.slice(i, end);
    const isCall = /^\s*\(/.test(expression.slice(end));
    const isType = /::\s*$/.test(out);
    const target = renames.get(name);
    out += target !== undefined && !isCall && !isType ? quoteIdent(target) : token;
    i = end;
  }
  return out;
}

/** The FK definition with its local columns renamed by `local`, its referenced columns by `target`. */
function renameForeignKey(definition: string, local: ReadonlyMap<string, string>, target: ReadonlyMap<string, string>): string {
  const at = definition.indexOf(' REFERENCES ');
  if (at < 0) return renameInExpression(definition, local);
  const head = renameInExpression(definition.slice(0, at), local);
  const rest = definition.slice(at);
  const open = rest.indexOf('(');
  const close = rest.indexOf(')', open);
  if (open < 0 || close < 0) return head + rest;
  return head + rest.slice(0, open) + renameInExpression(rest.slice(open, close + 1), target) + rest.slice(close + 1);
}

const mapNames = (names: readonly string[], renames: ReadonlyMap<string, string>): string[] => names.map((c) => renames.get(c) ?? c);

/**
 * The table as it reads after the column renames: `renames` are this table's (old -> new),
 * `renamesOf(table)` gives those of any table (for the columns an FK references).
 */
export function renameColumnsInTable(table: Table, renames: ReadonlyMap<string, string>, renamesOf: (table: string) => ReadonlyMap<string, string>): Table {
  const expr = (e: string | undefined): string | undefined => (e === undefined ? undefined : renameInExpression(e, renames));
  const withOpt = <T extends object, K extends string>(obj: T, k: K, v: string | undefined): T => (v === undefined ? obj : { ...obj, [k]: v });
  const columns = table.columns.map((c): Column => {
    let out: Column = { ...c, name: renames.get(c.name) ?? c.name };
    out = withOpt(out, 'generated', expr(c.generated));
    return out;
  });
  const constraints: Record<string, Constraint> = {};
  for (const [name, c] of Object.entries(table.constraints)) {
    const fk = c.foreignKey;
    if (fk) {
      const target = renamesOf(fk.table);
      constraints[name] = {
        ...c,
        columns: mapNames(c.columns, renames),
        definition: renameForeignKey(c.definition, renames, target),
        foreignKey: { ...fk, columns: mapNames(fk.columns, target) },
      };
      continue;
    }
    if (renames.size === 0) {
      constraints[name] = c;
      continue;
    }
    constraints[name] = withOpt({ ...c, columns: mapNames(c.columns, renames), definition: renameInExpression(c.definition, renames) }, 'check', expr(c.check));
  }
  if (renames.size === 0) return { ...table, constraints };
  const indexes = Object.fromEntries(
    Object.entries(table.indexes).map(([name, i]) => [
      name,
      withOpt({ ...i, keys: i.keys.map((k) => renameInExpression(k, renames)), include: i.include.map((k) => renameInExpression(k, renames)) }, 'where', expr(i.where)),
    ]),
  );
  const policies = Object.fromEntries(
    Object.entries(table.policies).map(([name, p]) => [name, withOpt(withOpt({ ...p }, 'using', expr(p.using)), 'check', expr(p.check))]),
  );
  const triggers = Object.fromEntries(
    Object.entries(table.triggers).map(([name, t]) => [name, withOpt({ ...t, updateOf: mapNames(t.updateOf, renames) }, 'when', expr(t.when))]),
  );
  return { ...table, columns, constraints, indexes, policies, triggers };
}

/** One rename step: a plain rename, or a cycle of renames (a -> b while b -> a) done through temporary names. */
export type ColumnRenameStep =
  | { readonly kind: 'single'; readonly from: string; readonly to: string }
  | { readonly kind: 'cycle'; readonly renames: readonly (readonly [string, string])[]; readonly order: readonly string[] };

export interface ColumnRenames {
  /** old name -> new name, every rename that applies. */
  readonly renames: ReadonlyMap<string, string>;
  /** In run order: a rename onto a name that is itself renamed away comes after that one. */
  readonly steps: readonly ColumnRenameStep[];
}

const NONE: ColumnRenames = { renames: new Map(), steps: [] };

/**
 * The declared renames (`schema.table.new` -> old) that apply between the live table `a` and the
 * desired table `b` (key = its new key). A rename applies when the old column exists and its name is
 * free in the desired table, or is itself renamed from another applying column (chains, cycles).
 *
 * A cycle (a -> b, b -> a) leaves the same names on both sides, so the catalogs tell an applied cycle
 * from a pending one only by column position: it applies while the live columns' order differs from
 * the desired one (the YAML lists a table's columns in their physical order).
 */
export function columnRenamesBetween(declared: Readonly<Record<string, string>>, key: string, a: Table, b: Table): ColumnRenames {
  const prefix = `${key}.`;
  const live = new Set(a.columns.map((c) => c.name));
  const want = new Set(b.columns.map((c) => c.name));
  const decl = new Map<string, string>();
  for (const col of b.columns) {
    const was = declared[`${prefix}${col.name}`];
    if (was !== undefined && was !== col.name && live.has(was)) decl.set(col.name, was);
  }
  if (decl.size === 0) return NONE;
  const valid = (name: string, seen: Set<string>): boolean => {
    const was = decl.get(name);
    if (was === undefined) return false;
    if (!want.has(was)) return true;
    if (seen.has(was)) return true;
    seen.add(name);
    return valid(was, seen);
  };
  const renames = new Map<string, string>();
  for (const name of decl.keys()) if (valid(name, new Set())) renames.set(decl.get(name)!, name);
  // Cycles: members whose chain of renames returns to them.
  const inCycle = new Set<string>();
  const cycles: string[][] = [];
  for (const start of renames.keys()) {
    if (inCycle.has(start)) continue;
    const path: string[] = [start];
    let next = renames.get(start)!;
    while (renames.has(next) && next !== start && !path.includes(next)) {
      path.push(next);
      next = renames.get(next)!;
    }
    if (next === start) {
      for (const p of path) inCycle.add(p);
      cycles.push(path);
    }
  }
  const position = (t: Table): Map<string, number> => new Map(t.columns.map((c, i) => [c.name, i]));
  const pa = position(a);
  const pb = position(b);
  const steps: ColumnRenameStep[] = [];
  for (const cycle of cycles) {
    const order = [...cycle].sort((x, y) => pa.get(x)! - pa.get(y)!);
    const wanted = [...cycle].sort((x, y) => pb.get(x)! - pb.get(y)!);
    if (order.every((n, i) => wanted[i] === n)) {
      // Already applied: the names sit where the desired table has them.
      for (const n of cycle) renames.delete(n);
      continue;
    }
    steps.push({ kind: 'cycle', renames: order.map((n) => [n, renames.get(n)!] as const), order });
  }
  // Chains: a rename onto a name still in use waits for the rename that frees it.
  const done = new Set<string>();
  const visit = (from: string, seen: Set<string>): void => {
    if (done.has(from) || inCycle.has(from) || seen.has(from)) return;
    seen.add(from);
    const to = renames.get(from)!;
    if (renames.has(to)) visit(to, seen);
    done.add(from);
    steps.push({ kind: 'single', from, to });
  };
  for (const from of [...renames.keys()].sort()) visit(from, new Set());
  return { renames, steps };
}
