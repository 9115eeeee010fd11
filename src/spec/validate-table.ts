/** Semantic checks of one table (and of triggers on external tables). */
import { identityOptionsProblem } from './identity.js';
import { basePrivilege } from '../catalog/privileges.js';
import { checkShapeOfColumn } from './validate-shape.js';
import type { CheckContext, Path } from './check-context.js';
import { parseTypeName, statementProblem } from './sql-check.js';
import { didYouMean } from './suggest.js';
import { isEnumValueDefault, jsonKind, primaryKeyColumns, refKey, userTypeKey, refParts } from './spec-index.js';
import { functionKey } from './to-catalog-table.js';
import type { IndexSpec, TableSpec, TriggerSpec } from './types.js';
import { checkAccessTests } from './validate-access-tests.js';

/** A (qualified) name: bare words, or double-quoted ones with inner quotes doubled (`pg_catalog."C"`). */
const NAME = String.raw`(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")(?:\.(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+"))*`;
/** Words after an index key: ordering, NULLS placement, an operator class, COLLATE "name". Pasted into DDL, so nothing else. */
const ORDER_WORDS = new RegExp(`^${NAME}(\\s+${NAME})*$`);

/** `(expr) DESC` -> { expression: '(expr)', rest: 'DESC' }, respecting quotes and nested parentheses. */
export function splitParenthesized(text: string): { expression: string; rest: string } {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return { expression: text.slice(0, i + 1), rest: text.slice(i + 1).trim() };
  }
  return { expression: text, rest: '' };
}

function columnList(ctx: CheckContext, path: Path, columns: readonly string[], available: ReadonlySet<string>, table: string): void {
  columns.forEach((column, i) => {
    if (available.has(column)) return;
    const suggestion = didYouMean(column, [...available]);
    ctx.error([...path, i], 'unknown-column', `column "${column}" is not a column of ${table}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, suggestion ? `use "${suggestion}"` : `use one of: ${[...available].join(', ')}`);
  });
}

/** Columns of a referenced table, when known (undefined: unknown, accept anything). */
function referencedTableColumns(ctx: CheckContext, target: string): ReadonlySet<string> | undefined | null {
  const key = refKey(target);
  if (key === undefined) return null;
  const table = ctx.index.tables.get(key);
  if (table) return new Set(Object.keys(table.table.columns ?? {}));
  if (ctx.index.external.has(key)) {
    const ext = ctx.index.external.get(key);
    return ext?.columns ? new Set(ext.columns) : undefined;
  }
  const preset = ctx.preset.tables[key];
  if (preset) return new Set(preset.map((c) => c.name));
  return null;
}

function reference(ctx: CheckContext, path: Path, target: string, columns: readonly string[] | undefined, count: number): void {
  const available = referencedTableColumns(ctx, target);
  if (available === null) {
    const tables = [...ctx.index.tables.keys(), ...ctx.index.external.keys(), ...Object.keys(ctx.preset.tables)].map((k) => k.replace(/^public\./, ''));
    const suggestion = didYouMean(target, tables);
    ctx.error([...path, 'table'], 'unknown-table', `references unknown table "${target}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, suggestion ? `use "${suggestion}"` : 'declare the table under `tables:`, or under `external:` when another system manages it');
    return;
  }
  const key = refKey(target)!;
  const targetTable = ctx.index.tables.get(key)?.table;
  if ((!columns || columns.length === 0) && targetTable) {
    const pk = primaryKeyColumns(targetTable);
    if (pk.length !== count) ctx.error(path, 'invalid-reference', `"${target}" has ${pk.length === 0 ? 'no primary key' : `a ${pk.length}-column primary key`}; name the referenced column${count > 1 ? 's' : ''}`, 'add `column:` (or `columns:`) naming a unique key of the referenced table');
    return;
  }
  if (columns && columns.length !== count) ctx.error(path, 'invalid-reference', `${count} referencing column(s) but ${columns.length} referenced column(s)`, 'list as many referenced columns as referencing ones');
  if (available && columns) columnList(ctx, [...path, 'columns'], columns, available, target);
}

/** An operator: symbol characters, or `OPERATOR(schema.op)`. */
const OPERATOR = /^([~!@#%^&|`?+\-*/<>=]+|OPERATOR\(\s*[A-Za-z_][A-Za-z0-9_]*\s*\.\s*[~!@#%^&|`?+\-*/<>=]+\s*\))$/;

/** One index (or exclusion) key: a known column, a column with ordering/opclass words, or an expression in parentheses. */
function checkIndexKey(ctx: CheckContext, path: Path, key: string, columns: ReadonlySet<string> | undefined, label: string): void {
  if (columns?.has(key)) return;
  const trimmed = key.trim();
  if (trimmed.startsWith('(')) {
    const { expression, rest } = splitParenthesized(trimmed);
    ctx.expression(path, expression, 'index expression');
    if (rest !== '' && !ORDER_WORDS.test(rest)) ctx.error(path, 'invalid-index', `"${rest}" after the index expression is not an operator class or ordering`, 'e.g. `(lower(email)) DESC`');
    return;
  }
  const first = /^(\S+)\s+(.+)$/s.exec(trimmed);
  if (columns === undefined) {
    // Columns unknown (a materialized view): a plain name, optionally followed by ordering/opclass words.
    if (!ORDER_WORDS.test(trimmed)) ctx.error(path, 'invalid-index', `"${key}" is not a column name or a parenthesized expression`, 'e.g. `status` or `(lower(name))`');
    return;
  }
  if (first && columns.has(first[1]!) && ORDER_WORDS.test(first[2]!.trim())) return;
  const suggestion = didYouMean(key, [...columns]);
  ctx.error(path, 'unknown-column', `column "${key}" is not a column of ${label}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, suggestion ? `use "${suggestion}"` : `use one of: ${[...columns].join(', ')}`);
}

/** An index of a table (`columns` known) or of a materialized view (`columns` undefined). */
export function checkIndex(ctx: CheckContext, path: Path, i: IndexSpec, columns: ReadonlySet<string> | undefined, label: string): void {
  if (i.name !== undefined) ctx.name([...path, 'name'], i.name, 'index');
  if (i.using !== undefined && !/^[a-z_][a-z0-9_]*$/.test(i.using)) ctx.error([...path, 'using'], 'invalid-index', `"${i.using}" is not an index access method`, 'use btree, gin, gist, brin, hash, ...');
  i.columns.forEach((key, k) => checkIndexKey(ctx, [...path, 'columns', k], key, columns, label));
  if (i.include) {
    if (columns) columnList(ctx, [...path, 'include'], i.include, columns, label);
    else i.include.forEach((name, k) => ctx.name([...path, 'include', k], name, 'column'));
  }
  if (i.where !== undefined) ctx.expressionOn([...path, 'where'], i.where, 'index WHERE predicate', columns, label, []);
}

export function checkTrigger(ctx: CheckContext, path: Path, t: TriggerSpec, columns: ReadonlySet<string> | undefined, isTable: boolean): void {
  const timings = (['before', 'after', 'instead_of'] as const).filter((k) => t[k] !== undefined);
  if (timings.length !== 1) ctx.error(path, 'invalid-trigger', `a trigger needs exactly one of before, after, instead_of (found ${timings.length === 0 ? 'none' : timings.join(', ')})`, 'e.g. `before: update`');
  if (t.instead_of !== undefined && isTable) ctx.error([...path, 'instead_of'], 'invalid-trigger', 'INSTEAD OF triggers are only allowed on views', 'use before or after');
  const events = [t.before, t.after, t.instead_of].flat().filter((e) => e !== undefined);
  if (t.update_of && t.update_of.length > 0) {
    if (!events.includes('update')) ctx.error([...path, 'update_of'], 'invalid-trigger', '`update_of` needs the update event', 'add update to the events');
    if (columns) columnList(ctx, [...path, 'update_of'], t.update_of, columns, 'the table');
  }
  if (events.includes('truncate') && (t.for_each ?? 'row') === 'row') ctx.error(path, 'invalid-trigger', 'TRUNCATE triggers must be `for_each: statement`', 'set `for_each: statement`');
  if (t.constraint !== undefined && t.constraint !== false && (t.after === undefined || (t.for_each ?? 'row') !== 'row')) {
    ctx.error([...path, 'constraint'], 'invalid-trigger', 'a constraint trigger must be an `after` row trigger', 'use `after:` with `for_each: row`');
  }
  if (t.when !== undefined) ctx.expressionOn([...path, 'when'], t.when, 'trigger WHEN condition', isTable ? columns : undefined, 'the table', ['new', 'old']);
  const fnKey = functionKey(t.function);
  if (refKey(t.function) === undefined) {
    ctx.error([...path, 'function'], 'invalid-name', `"${t.function}" is not a function name`, 'write `name` or `schema.name` without parentheses');
    return;
  }
  const fn = ctx.index.functions.get(fnKey);
  if (fn) {
    const returns = (fn.fn.returns ?? 'void').trim().toLowerCase();
    if (returns !== 'trigger') ctx.error([...path, 'function'], 'invalid-trigger', `function "${t.function}" returns ${returns}, not trigger`, 'declare the function with `returns: trigger`');
    return;
  }
  const schema = fnKey.slice(0, fnKey.indexOf('.'));
  if (ctx.preset.functions.includes(fnKey) || !ctx.managedSchemas.has(schema)) return;
  const suggestion = didYouMean(t.function, [...ctx.index.functions.keys()].map((k) => k.replace(/^public\./, '')));
  ctx.error([...path, 'function'], 'unknown-function', `trigger calls undeclared function "${t.function}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, suggestion ? `use "${suggestion}"` : 'declare it under `functions:` with `returns: trigger`');
}

export function checkTable(ctx: CheckContext, specKey: string, t: TableSpec, extensionsDeclared: boolean): void {
  const base = ['tables', specKey];
  ctx.objectKey(base, specKey, 'table');
  const columns = new Set(Object.keys(t.columns ?? {}));
  const label = `table "${specKey}"`;
  // Columns an expression on this table's rows may name (a partition's come from its parent).
  const rowColumns = t.partition_of ? undefined : columns;
  const qualifiers = [refParts(specKey).name.toLowerCase()];
  // `columns: {}` declares a table without columns on purpose (PostgreSQL allows it); no key at all is a slip.
  if (t.columns === undefined && !t.partition_of) ctx.error([...base], 'invalid-table', `${label} has no columns`, 'declare at least one column (or `columns: {}` for a table without columns)');
  const pkFlags = Object.entries(t.columns ?? {}).filter(([, c]) => c.primary_key).map(([n]) => n);
  if (pkFlags.length > 1) ctx.error([...base, 'columns', pkFlags[1]!], 'duplicate-primary-key', `${label} marks ${pkFlags.length} columns primary_key: true`, `use a composite key: \`primary_key: [${pkFlags.join(', ')}]\``);
  if (pkFlags.length > 0 && t.primary_key) ctx.error([...base, 'primary_key'], 'duplicate-primary-key', `${label} declares both a table primary_key and a column primary_key`, 'keep one of them');

  for (const [name, c] of Object.entries(t.columns ?? {})) {
    const path = [...base, 'columns', name];
    ctx.name(path, name, 'column');
    ctx.type([...path, 'type'], c.type, extensionsDeclared);
    // PostgreSQL refuses a zero length only when the table is created: say so at the column.
    const zero = /^\s*(varchar|character varying|char|character|bit|bit varying|varbit)\s*\(\s*0+\s*\)/i.exec(c.type);
    if (zero) ctx.error([...path, 'type'], 'invalid-type', `length for type ${zero[1]!.toLowerCase()} must be at least 1`, `e.g. \`${zero[1]!.toLowerCase()}(1)\`, or \`text\``);
    if (c.default !== undefined && c.default !== null) {
      if (typeof c.default === 'object') {
        if (!jsonKind(c.type)) ctx.error([...path, 'default'], 'invalid-default', `a map or list default needs a json or jsonb column (this one is ${c.type})`, 'write the default as an SQL expression string');
      } else if (typeof c.default === 'string' && !isEnumValueDefault(c.default, c.type, ctx.index)) {
        const enumKey = userTypeKey(c.type, ctx.index);
        const values = enumKey !== undefined && !/\[/.test(c.type) ? ctx.index.enums.get(enumKey) : undefined;
        if (values && /^[A-Za-z_][A-Za-z0-9_]*$/.test(c.default)) {
          const suggestion = didYouMean(c.default, values);
          ctx.error([...path, 'default'], 'invalid-default', `"${c.default}" is not a value of enum ${c.type}${suggestion ? `; did you mean "${suggestion}"?` : ''}`, `use one of: ${values.join(', ')}`);
        } else {
          ctx.expression([...path, 'default'], c.default, 'default');
        }
      }
    }
    if (c.identity && (c.default !== undefined || c.generated !== undefined)) ctx.error(path, 'invalid-column', 'an identity column cannot also have a default or be generated', 'keep one of identity, default, generated');
    if (c.identity) {
      const parsed = parseTypeName(c.type);
      if (!('error' in parsed) && !['int2', 'int4', 'int8'].includes(parsed.names.at(-1) ?? '')) ctx.error([...path, 'identity'], 'invalid-column', `identity columns must be smallint, integer or bigint (not ${c.type})`, 'use bigint');
      const problem = identityOptionsProblem(c.type, c.identity);
      if (problem) ctx.error([...path, 'identity'], 'invalid-column', problem, 'keep start between min and max, and increment non-zero');
    }
    if (c.generated !== undefined) {
      ctx.expressionOn([...path, 'generated'], c.generated, 'generated expression', rowColumns, label, qualifiers);
      if (c.default !== undefined) ctx.error(path, 'invalid-column', 'a generated column cannot have a default', 'remove the default');
    }
    if (c.backfill !== undefined) ctx.expression([...path, 'backfill'], c.backfill, 'backfill');
    checkShapeOfColumn(ctx, path, c);
    if (c.collation !== undefined && refKey(c.collation) === undefined) ctx.error([...path, 'collation'], 'invalid-name', `"${c.collation}" is not a collation name`);
    if (c.renamed_from !== undefined) ctx.name([...path, 'renamed_from'], c.renamed_from, 'column');
    if (c.references) {
      if (c.references.name !== undefined) ctx.name([...path, 'references', 'name'], c.references.name, 'constraint');
      reference(ctx, [...path, 'references'], c.references.table, c.references.column === undefined ? undefined : [c.references.column], 1);
      if (c.references.on_delete === 'set null' && (c.not_null || c.primary_key)) {
        ctx.warn([...path, 'references', 'on_delete'], 'set-null-not-null', `column "${name}" is NOT NULL, so ON DELETE SET NULL fails whenever the referenced row is deleted`, 'use on_delete: cascade, or make the column nullable');
      }
    }
  }
  if (t.primary_key) {
    const pk = Array.isArray(t.primary_key) ? t.primary_key : (t.primary_key as { columns: readonly string[] }).columns;
    const pkPath = Array.isArray(t.primary_key) ? [...base, 'primary_key'] : [...base, 'primary_key', 'columns'];
    columnList(ctx, pkPath, pk, columns, label);
    const name = Array.isArray(t.primary_key) ? undefined : (t.primary_key as { name?: string }).name;
    if (name !== undefined) ctx.name([...base, 'primary_key', 'name'], name, 'constraint');
  }
  for (const [name, u] of Object.entries(t.unique ?? {})) {
    ctx.name([...base, 'unique', name], name, 'constraint');
    const cols = Array.isArray(u) ? u : (u as { columns: readonly string[] }).columns;
    columnList(ctx, Array.isArray(u) ? [...base, 'unique', name] : [...base, 'unique', name, 'columns'], cols, columns, label);
  }
  for (const [name, check] of Object.entries(t.checks ?? {})) {
    ctx.name([...base, 'checks', name], name, 'constraint');
    if (typeof check === 'string') ctx.expressionOn([...base, 'checks', name], check, 'check', rowColumns, label, qualifiers);
    else ctx.expressionOn([...base, 'checks', name, 'check'], check.check, 'check', rowColumns, label, qualifiers);
  }
  for (const [name, e] of Object.entries(t.exclusions ?? {})) {
    const path = [...base, 'exclusions', name];
    ctx.name(path, name, 'constraint');
    if (e.using !== undefined && !/^[a-z_][a-z0-9_]*$/.test(e.using)) ctx.error([...path, 'using'], 'invalid-index', `"${e.using}" is not an index access method`, 'use gist, btree, hash, spgist, ...');
    e.elements.forEach(([element, operator], k) => {
      checkIndexKey(ctx, [...path, 'elements', k, 0], element, columns, label);
      if (!OPERATOR.test(operator.trim())) ctx.error([...path, 'elements', k, 1], 'invalid-exclusion', `"${operator}" is not an operator`, 'e.g. `=` or `&&`, or `OPERATOR(schema.&&)`');
    });
    if (e.include) columnList(ctx, [...path, 'include'], e.include, columns, label);
    if (e.where !== undefined) ctx.expressionOn([...path, 'where'], e.where, 'exclusion WHERE predicate', rowColumns, label, qualifiers);
  }
  for (const [name, fk] of Object.entries(t.foreign_keys ?? {})) {
    const path = [...base, 'foreign_keys', name];
    ctx.name(path, name, 'constraint');
    columnList(ctx, [...path, 'columns'], fk.columns, columns, label);
    reference(ctx, [...path, 'references'], fk.references.table, fk.references.columns, fk.columns.length);
  }
  (t.indexes ?? []).forEach((i, n) => {
    const path = [...base, 'indexes', n];
    checkIndex(ctx, path, i, rowColumns, label);
  });
  const policies = Object.entries(t.policies ?? {});
  if (policies.length > 0 && t.rls !== true) ctx.warn([...base, 'policies'], 'policy-without-rls', `${label} has policies but row level security is not enabled, so they would not apply`, 'add `rls: true`');
  for (const [name, p] of policies) {
    const path = [...base, 'policies', name];
    ctx.name(path, name, 'policy');
    for (const role of Array.isArray(p.to) ? p.to : p.to === undefined ? [] : [p.to]) {
      ctx.name([...path, 'to'], role, 'role');
      ctx.role([...path, 'to'], role);
    }
    if (p.using !== undefined) ctx.expressionOn([...path, 'using'], p.using, 'policy USING', rowColumns, label, qualifiers);
    if (p.check !== undefined) ctx.expressionOn([...path, 'check'], p.check, 'policy CHECK', rowColumns, label, qualifiers);
    if (p.for === 'insert' && p.using !== undefined) ctx.error([...path, 'using'], 'invalid-policy', 'an insert policy can only have `check` (WITH CHECK), not `using`', 'move the condition to `check:`');
    if ((p.for === 'select' || p.for === 'delete') && p.check !== undefined) ctx.error([...path, 'check'], 'invalid-policy', `a ${p.for} policy can only have \`using\`, not \`check\``, 'move the condition to `using:`');
  }
  for (const [name, tr] of Object.entries(t.triggers ?? {})) {
    ctx.name([...base, 'triggers', name], name, 'trigger');
    checkTrigger(ctx, [...base, 'triggers', name], tr, rowColumns, true);
  }
  for (const [role, privileges] of Object.entries(t.grants ?? {})) {
    ctx.name([...base, 'grants', role], role, 'role');
    ctx.role([...base, 'grants', role], role);
    const tableLevel = new Set(privileges.flatMap((p) => (typeof p !== 'string' ? [] : basePrivilege(p) === ('all' as string) ? ['select', 'insert', 'update', 'references'] : [basePrivilege(p) as string])));
    privileges.forEach((p, i) => {
      if (typeof p === 'string') return;
      for (const [privilege, list] of Object.entries(p)) {
        const path = [...base, 'grants', role, i, privilege];
        if (tableLevel.has(basePrivilege(privilege))) {
          ctx.error(path, 'duplicate-grant', `${role} is granted ${privilege} on the whole table and on columns`, `keep \`${privilege}\` or the column list, not both`);
        }
        (list ?? []).forEach((column, j) => {
          if (!columns.has(column)) ctx.error([...path, j], 'unknown-column', `column "${column}" of ${privilege} is not a column of this table`, 'name a column under columns:');
        });
      }
    });
  }
  if (t.renamed_from !== undefined && refKey(t.renamed_from) === undefined) ctx.error([...base, 'renamed_from'], 'invalid-name', `"${t.renamed_from}" is not a table name`);
  if (t.partition_by !== undefined) {
    const problem = statementProblem(`CREATE TABLE x (a int) PARTITION BY ${t.partition_by}`, 'CreateStmt');
    if (problem) ctx.error([...base, 'partition_by'], 'invalid-sql', `partition_by is not a valid PARTITION BY clause: ${problem}`, 'e.g. `RANGE (created_at)`');
  }
  if (t.partition_of !== undefined) {
    const problem = statementProblem(`CREATE TABLE x PARTITION OF y ${t.partition_of.bound}`, 'CreateStmt');
    if (problem) ctx.error([...base, 'partition_of', 'bound'], 'invalid-sql', `not a valid partition bound: ${problem}`, "e.g. `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')` or `DEFAULT`");
    const parent = refKey(t.partition_of.table);
    if (parent === undefined || !ctx.index.tables.has(parent)) ctx.error([...base, 'partition_of', 'table'], 'unknown-table', `partition parent "${t.partition_of.table}" is not a table of the spec`);
  }
  if (t.tests !== undefined) checkAccessTests(ctx, base, refKey(specKey), t.tests);
}
