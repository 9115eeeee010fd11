/**
 * Table renames as Postgres applies them: ALTER TABLE ... RENAME keeps the table's storage, its keys,
 * indexes and sequences (under their old names), and every foreign key that references it follows
 * (it refers to the table by oid). So the live catalog is first seen "through" the renames: inbound
 * foreign keys read the new name, and the renamed table's constraints, indexes and sequences that
 * match the desired ones but for a name derived from the table's take the desired names, which the
 * RenameTable change renames too (metadata only). Only what still differs after that is a change:
 * a key is never dropped and rebuilt, an FK never re-added, because a table changed its name.
 */
import { quoteLiteral, quoteQualified, splitQualified } from '../../catalog/names.js';
import { normalizeCatalog } from '../../catalog/normalize.js';
import type { Catalog, Constraint, Index, Sequence, Table } from '../../catalog/types.js';
import type { RenamedParts } from '../changes.js';
import type { PlanInputs } from '../types.js';
import { omit, same } from './context.js';

/** What a table rename renames along with the table (old name -> new name, in the table's schema). */
export type { RenamedParts } from '../changes.js';

export const NO_PARTS: RenamedParts = { constraints: [], indexes: [], sequences: [], identitySequences: [] };

/** Declared table renames that apply: live old name -> desired new name. */
export function applyingTableRenames(from: Catalog, to: Catalog, inputs: PlanInputs): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, was] of Object.entries(inputs.tableRenames)) {
    if (was !== key && from.tables[was] && !to.tables[was] && to.tables[key]) out.set(was, key);
  }
  return out;
}

const q = (key: string): string => {
  const { schema, name } = splitQualified(key);
  return quoteQualified(schema, name);
};

/** `old` with the table's old name at its start replaced by the new one (`teams_pkey` -> `squads_pkey`). */
function derivedName(name: string, oldTable: string, newTable: string): string | undefined {
  return name.startsWith(`${oldTable}_`) ? `${newTable}${name.slice(oldTable.length)}` : undefined;
}

/**
 * Pairs live objects missing from the desired table with desired ones missing from the live table:
 * by the name derived from the new table name, else by identical content (one candidate only).
 */
function pair<T extends { name: string }>(
  live: Readonly<Record<string, T>>,
  want: Readonly<Record<string, T>>,
  oldTable: string,
  newTable: string,
  content: (x: T) => unknown,
): [string, string][] {
  const missing = Object.keys(live).filter((n) => !Object.hasOwn(want, n)).sort();
  const fresh = new Set(Object.keys(want).filter((n) => !Object.hasOwn(live, n)));
  const out: [string, string][] = [];
  for (const name of missing) {
    const derived = derivedName(name, oldTable, newTable);
    let target = derived !== undefined && fresh.has(derived) ? derived : undefined;
    if (target === undefined) {
      const alike = [...fresh].filter((n) => same(content(live[name]!), content(want[n]!)));
      if (alike.length === 1) target = alike[0];
    }
    if (target === undefined) continue;
    fresh.delete(target);
    out.push([name, target]);
  }
  return out;
}

const constraintContent = (c: Constraint): unknown => ({ ...omit(c, 'name', 'validated', 'comment', 'indexComment', 'definition'), d: c.definition.replace(/\s+NOT VALID$/, '') });
const indexContent = (i: Index): unknown => omit(i, 'name', 'definition', 'comment');

function referencesRenamed(c: Constraint, renames: ReadonlyMap<string, string>): Constraint {
  const fk = c.foreignKey;
  const target = fk ? renames.get(fk.table) : undefined;
  if (!fk || target === undefined) return c;
  return { ...c, foreignKey: { ...fk, table: target }, definition: c.definition.replace(` REFERENCES ${q(fk.table)}(`, ` REFERENCES ${q(target)}(`) };
}

/**
 * The live catalog as the table renames leave it (tables still under their old keys, for the differ
 * to pair them with their new ones), and per new table key what the RenameTable change renames.
 */
export function throughTableRenames(from: Catalog, to: Catalog, inputs: PlanInputs): { catalog: Catalog; parts: Map<string, RenamedParts> } {
  const renames = applyingTableRenames(from, to, inputs);
  const parts = new Map<string, RenamedParts>();
  if (renames.size === 0) return { catalog: from, parts };
  const sequenceRenames = new Map<string, string>(); // old key -> new key
  const tables: Record<string, Table> = {};
  for (const [key, live] of Object.entries(from.tables)) {
    let table: Table = { ...live, constraints: Object.fromEntries(Object.entries(live.constraints).map(([n, c]) => [n, referencesRenamed(c, renames)])) };
    const newKey = renames.get(key);
    const want = newKey === undefined ? undefined : to.tables[newKey];
    if (newKey !== undefined && want !== undefined) {
      const [oldName, newName] = [live.name, want.name];
      const constraints = pair(table.constraints, want.constraints, oldName, newName, constraintContent);
      const indexes = pair(table.indexes, want.indexes, oldName, newName, indexContent);
      const byName = <T extends { name: string }>(record: Readonly<Record<string, T>>, pairs: readonly (readonly [string, string])[]): Record<string, T> => {
        const m = new Map(pairs);
        return Object.fromEntries(Object.entries(record).map(([n, x]) => [m.get(n) ?? n, { ...x, name: m.get(n) ?? n }]));
      };
      table = { ...table, constraints: byName(table.constraints, constraints), indexes: byName(table.indexes, indexes) };
      const sequences = live.schema === want.schema ? ownedSequencePairs(from, to, key, newKey) : [];
      for (const [a, b] of sequences) sequenceRenames.set(`${live.schema}.${a}`, `${want.schema}.${b}`);
      const identitySequences = want.columns.flatMap((c) => {
        const old = live.columns.find((x) => x.name === c.name);
        if (!c.identity || !old?.identity) return [];
        const fromSeq = `${oldName}_${c.name}_seq`;
        const toSeq = `${newName}_${c.name}_seq`;
        return Buffer.byteLength(fromSeq) <= 63 && Buffer.byteLength(toSeq) <= 63 ? [{ column: c.name, from: fromSeq, to: toSeq }] : [];
      });
      parts.set(newKey, { constraints, indexes, sequences, identitySequences });
    }
    tables[key] = table;
  }
  // Defaults calling nextval() on a renamed sequence print its new name; owners follow the table.
  const seqLiterals = [...sequenceRenames].map(([a, b]) => [`${quoteLiteral(q(a))}::regclass`, `${quoteLiteral(q(b))}::regclass`] as const);
  for (const [key, table] of Object.entries(tables)) {
    if (seqLiterals.length === 0) break;
    const columns = table.columns.map((c) => {
      if (c.default === undefined) return c;
      let d = c.default;
      for (const [a, b] of seqLiterals) d = d.replaceAll(a, b);
      return d === c.default ? c : { ...c, default: d };
    });
    tables[key] = { ...table, columns };
  }
  const sequences: Record<string, Sequence> = {};
  for (const [key, s] of Object.entries(from.sequences)) {
    const newKey = sequenceRenames.get(key);
    const owner = s.ownedBy === undefined ? undefined : ownerAfter(s.ownedBy, renames);
    const moved: Sequence = { ...s, ...(owner === undefined ? {} : { ownedBy: owner }) };
    if (newKey === undefined) sequences[key] = moved;
    else sequences[newKey] = { ...moved, ...splitQualified(newKey) };
  }
  return { catalog: normalizeCatalog({ ...from, tables, sequences }), parts };
}

/** `schema.table.column` with the table renamed. */
function ownerAfter(ownedBy: string, renames: ReadonlyMap<string, string>): string {
  const dot = ownedBy.lastIndexOf('.');
  const table = ownedBy.slice(0, dot);
  const target = renames.get(table);
  return target === undefined ? ownedBy : `${target}${ownedBy.slice(dot)}`;
}

/**
 * Sequences owned by the renamed table's columns (serial columns) that the desired catalog has under
 * another name, owned by the same column of the new table, with the same settings: old -> new name.
 */
function ownedSequencePairs(from: Catalog, to: Catalog, oldKey: string, newKey: string): [string, string][] {
  const owned = (c: Catalog, table: string): Sequence[] => Object.values(c.sequences).filter((s) => s.ownedBy?.startsWith(`${table}.`));
  const out: [string, string][] = [];
  const wanted = owned(to, newKey);
  for (const s of owned(from, oldKey)) {
    if (to.sequences[`${s.schema}.${s.name}`]) continue;
    const column = s.ownedBy!.slice(oldKey.length + 1);
    const match = wanted.find((w) => w.ownedBy === `${newKey}.${column}` && w.schema === s.schema && !from.sequences[`${w.schema}.${w.name}`]);
    if (match && same(omit(s, 'name', 'ownedBy', 'comment', 'owner'), omit(match, 'name', 'ownedBy', 'comment', 'owner'))) out.push([s.name, match.name]);
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}
