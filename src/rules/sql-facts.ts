/** What the SQL rules look at, read once per file: column definitions, constraints, ALTER TABLE commands. */
import { inner, qualified, type Node, type RangeVar } from '../sql/ast.js';
import type { FileAnalysis, Unit } from '../sql/analyze.js';

export interface SqlColumn {
  readonly unit: Unit;
  /** `schema.table`. */
  readonly table: string;
  /** The ColumnDef body. */
  readonly def: Node;
  readonly name: string;
  /** Where it comes from: a CREATE TABLE, `ADD COLUMN`, or `ALTER COLUMN ... TYPE`. */
  readonly origin: 'create' | 'add' | 'alter-type';
  /** The ALTER TABLE command (for `add` and `alter-type`). */
  readonly cmd?: Node;
}

export interface SqlConstraint {
  readonly unit: Unit;
  readonly table: string;
  /** The Constraint body. */
  readonly constraint: Node;
  /** Column it is declared on (column constraints). */
  readonly column?: string;
  /** Added by `ALTER TABLE ... ADD` (as opposed to inside CREATE TABLE / ADD COLUMN). */
  readonly altered: boolean;
}

export interface AlterCommand {
  readonly unit: Unit;
  readonly table: string;
  readonly cmd: Node;
  readonly subtype: string;
}

const facts = new WeakMap<FileAnalysis, { columns: SqlColumn[]; constraints: SqlConstraint[]; alters: AlterCommand[] }>();

function read(analysis: FileAnalysis) {
  let found = facts.get(analysis);
  if (found) return found;
  const columns: SqlColumn[] = [];
  const constraints: SqlConstraint[] = [];
  const alters: AlterCommand[] = [];
  const addColumn = (unit: Unit, table: string, def: Node, origin: SqlColumn['origin'], cmd?: Node, name?: string): void => {
    const colname = (def['colname'] as string | undefined) ?? name ?? '';
    columns.push({ unit, table, def, name: colname, origin, ...(cmd ? { cmd } : {}) });
    if (origin === 'alter-type') return;
    for (const c of (def['constraints'] as Node[] | undefined) ?? []) {
      constraints.push({ unit, table, constraint: inner(c), column: colname, altered: false });
    }
  };
  for (const unit of analysis.units) {
    if (unit.kind === 'CreateStmt') {
      const table = qualified(unit.body['relation'] as RangeVar);
      for (const element of (unit.body['tableElts'] as Node[] | undefined) ?? []) {
        if ('ColumnDef' in element) addColumn(unit, table, inner(element), 'create');
        if ('Constraint' in element) constraints.push({ unit, table, constraint: inner(element), altered: false });
      }
    }
    if (unit.kind === 'AlterTableStmt' && (unit.body['objtype'] ?? 'OBJECT_TABLE') === 'OBJECT_TABLE') {
      const table = qualified(unit.body['relation'] as RangeVar);
      for (const cmdNode of (unit.body['cmds'] as Node[] | undefined) ?? []) {
        const cmd = inner(cmdNode);
        const subtype = String(cmd['subtype'] ?? '');
        alters.push({ unit, table, cmd, subtype });
        const def = cmd['def'] as Node | undefined;
        if (subtype === 'AT_AddColumn' && def && 'ColumnDef' in def) addColumn(unit, table, inner(def), 'add', cmd);
        if (subtype === 'AT_AlterColumnType' && def && 'ColumnDef' in def) {
          addColumn(unit, table, inner(def), 'alter-type', cmd, cmd['name'] as string | undefined);
        }
        if (subtype === 'AT_AddConstraint' && def && 'Constraint' in def) {
          constraints.push({ unit, table, constraint: inner(def), altered: true });
        }
      }
    }
  }
  found = { columns, constraints, alters };
  facts.set(analysis, found);
  return found;
}

export const columnsOf = (analysis: FileAnalysis): readonly SqlColumn[] => read(analysis).columns;
export const constraintsOf = (analysis: FileAnalysis): readonly SqlConstraint[] => read(analysis).constraints;
export const altersOf = (analysis: FileAnalysis): readonly AlterCommand[] => read(analysis).alters;

/** Constraint kinds of a ColumnDef (`CONSTR_NOTNULL`, `CONSTR_DEFAULT`, ...). */
export function columnConstraintTypes(def: Node): string[] {
  return ((def['constraints'] as Node[] | undefined) ?? []).map((c) => String(inner(c)['contype'] ?? ''));
}

/** Whether a DO-block statement is protected so that running it twice is harmless. */
export function isGuarded(unit: Unit, conditions: readonly string[] = []): boolean {
  if (!unit.inDo) return false;
  if (unit.underIf) return true;
  return unit.handlers.some((h) => h === 'others' || conditions.includes(h));
}

export const DUPLICATE_CONDITIONS: readonly string[] = ['duplicate_object', 'duplicate_table', 'duplicate_column', 'duplicate_function', 'duplicate_schema', 'unique_violation'];
