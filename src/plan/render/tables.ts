/** SQL for tables, columns, constraints and indexes. */
import { identityOptionsClause } from '../../catalog/identity-options.js';
import { quoteIdent } from '../../catalog/names.js';
import type { Column, Constraint, Index, Table } from '../../catalog/types.js';
import { constraintDef } from '../diff/tables.js';
import { onlineBackfill } from './backfill.js';
import type { Hazard, PlanOptions, Step } from '../types.js';
import { doBlock, guarded, lit, q, shortName, step, str } from './sql.js';
import { createPartitionedIndex } from './partitioned-index.js';
import { storageParameterSql } from './table-storage.js';
import type { IndexPartition } from '../changes.js';

const VOLATILE_DEFAULT = /\b(gen_random_uuid|uuid_generate_v[14]\w*|random|clock_timestamp|timeofday|nextval)\s*\(/i;

export function columnDefinition(c: Column, withNotNull = true): string {
  const parts = [quoteIdent(c.name), c.type];
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.generated !== undefined) parts.push(`GENERATED ALWAYS AS (${c.generated}) STORED`);
  else if (c.identity) parts.push(`GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${identityOptionsClause(c.identityOptions)}`);
  else if (c.default !== undefined) parts.push(`DEFAULT ${c.default}`);
  if (c.notNull && withNotNull) parts.push('NOT NULL');
  return parts.join(' ');
}

export function createTable(key: string, t: Table): Step[] {
  let sql: string;
  if (t.partitionOf) {
    sql = `CREATE TABLE IF NOT EXISTS ${q(key)} PARTITION OF ${q(t.partitionOf.parent)} ${t.partitionOf.bound}`;
    if (t.partitionBy) sql += ` PARTITION BY ${t.partitionBy}`; // a partition partitioned in turn
  } else {
    const cols = t.columns.map((c) => `  ${columnDefinition(c)}`);
    sql = `CREATE TABLE IF NOT EXISTS ${q(key)} (${cols.length ? `\n${cols.join(',\n')}\n` : ''})`;
    if (t.partitionBy) sql += ` PARTITION BY ${t.partitionBy}`;
  }
  if (t.with && t.with.length > 0) sql += ` WITH (${t.with.map(storageParameterSql).join(', ')})`;
  const out = [step(sql, `+ table ${key}`, key)];
  if (t.partitionOf) {
    // Partition columns come from the parent; their own defaults and NOT NULLs are set after.
    for (const c of t.columns) {
      if (c.default !== undefined) out.push(step(`ALTER TABLE ${q(key)} ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${c.default}`, `~ column ${key}.${c.name} default`, key));
      if (c.notNull) out.push(step(`ALTER TABLE ${q(key)} ALTER COLUMN ${quoteIdent(c.name)} SET NOT NULL`, `~ column ${key}.${c.name} not null`, key));
    }
  }
  return out;
}

const attExists = (table: string, column: string): string =>
  `EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = ${lit(table)}::regclass AND attname = ${str(column)} AND NOT attisdropped)`;

export function renameColumn(table: string, from: string, to: string): Step[] {
  return [
    step(
      guarded(`${attExists(table, from)} AND NOT ${attExists(table, to)}`, `ALTER TABLE ${q(table)} RENAME COLUMN ${quoteIdent(from)} TO ${quoteIdent(to)}`),
      `~ column ${table}.${from} renamed to ${to}`,
      `${table}.${to}`,
    ),
  ];
}

/**
 * A cycle of renames (a -> b while b -> a) through temporary names, in one DO block. The names are the
 * same before and after, so the guard recognizes the pre-state by position: the cycle's columns, in
 * column order, still carry the old order of names.
 */
export function renameColumnCycle(table: string, renames: readonly (readonly [string, string])[], order: readonly string[]): Step[] {
  const t = q(table);
  const names = `ARRAY[${order.map(str).join(', ')}]::text[]`;
  const current =
    `(SELECT array_agg(attname::text ORDER BY attnum) FROM pg_catalog.pg_attribute\n` +
    `      WHERE attrelid = ${lit(table)}::regclass AND attnum > 0 AND NOT attisdropped AND attname::text = ANY (${names}))`;
  const temp = (i: number): string => shortName(renames[i]![0], `__r${i}`);
  const lines = [
    ...renames.map(([from], i) => `    ALTER TABLE ${t} RENAME COLUMN ${quoteIdent(from)} TO ${quoteIdent(temp(i))};`),
    ...renames.map(([, to], i) => `    ALTER TABLE ${t} RENAME COLUMN ${quoteIdent(temp(i))} TO ${quoteIdent(to)};`),
  ];
  return [
    step(
      doBlock(`  IF ${current} = ${names} THEN\n${lines.join('\n')}\n  END IF;`),
      `~ columns of ${table} renamed: ${renames.map(([a, b]) => `${a} -> ${b}`).join(', ')}`,
      table,
    ),
  ];
}

/** The online-safe NOT NULL: fail fast on NULLs, CHECK NOT VALID, VALIDATE alone, SET NOT NULL, drop the CHECK. */
export function setNotNullOnline(table: string, column: string, hint: string): Step[] {
  const t = q(table);
  const c = quoteIdent(column);
  const object = `${table}.${column}`;
  const check = shortName(column, '_not_null');
  return [
    step(
      doBlock(
        `  IF ${attExists(table, column)} AND NOT (SELECT attnotnull FROM pg_catalog.pg_attribute WHERE attrelid = ${lit(table)}::regclass AND attname = ${str(column)})\n` +
          `     AND EXISTS (SELECT 1 FROM ${t} WHERE ${c} IS NULL) THEN\n` +
          `    RAISE EXCEPTION ${str(`column ${object} has NULL values, so it cannot be made NOT NULL`)} USING HINT = ${str(hint)};\n  END IF;`,
      ),
      `? column ${object} holds no NULLs`,
      object,
    ),
    step(
      guarded(
        `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = ${lit(table)}::regclass AND conname = ${str(check)})`,
        `ALTER TABLE ${t} ADD CONSTRAINT ${quoteIdent(check)} CHECK (${c} IS NOT NULL) NOT VALID`,
      ),
      `+ check ${check} on ${table} (NOT VALID)`,
      object,
    ),
    step(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${quoteIdent(check)}`, `~ validate ${check} on ${table}`, object, { isolated: true }),
    step(`ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL`, `~ column ${object} not null`, object),
    step(`ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${quoteIdent(check)}`, `- check ${check} on ${table}`, object),
  ];
}

export function addColumn(table: string, c: Column, existing: boolean, backfill: string | undefined): Step[] {
  const t = q(table);
  const object = `${table}.${c.name}`;
  const hazards: Hazard[] = [];
  if (existing && (c.generated !== undefined || c.identity || (c.default !== undefined && VOLATILE_DEFAULT.test(c.default)))) {
    hazards.push('rewrites-table');
  }
  const needsPath = existing && c.notNull && c.default === undefined && !c.identity && c.generated === undefined;
  if (!needsPath) {
    return [step(`ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS ${columnDefinition(c)}`, `+ column ${object}`, object, { hazards })];
  }
  const out: Step[] = [];
  if (backfill === undefined) {
    // Nothing can fill the column on existing rows: `plan` refuses it when the live table holds rows
    // (planner/live-rows.ts), and this guard fails fast, before anything changes, when rows arrived
    // since. On an empty table it applies (gated as breaks-clients: old inserts omit the column).
    out.push(
      step(
        doBlock(
          `  IF NOT ${attExists(table, c.name)} AND EXISTS (SELECT 1 FROM ${t}) THEN\n` +
            `    RAISE EXCEPTION ${str(`${table} has rows, so the new NOT NULL column ${c.name} needs a default or a backfill`)}\n` +
            `      USING HINT = ${str(`declare a default or a backfill expression for ${object}, or add the column as nullable`)};\n  END IF;`,
        ),
        `? ${table} is empty (new NOT NULL column ${c.name} has no default or backfill)`,
        object,
      ),
    );
  }
  out.push(
    step(`ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS ${columnDefinition(c, false)}`, `+ column ${object} (nullable until backfilled)`, object, {
      hazards: backfill === undefined ? ['access-exclusive-lock'] : [],
    }),
  );
  const online = backfill === undefined ? undefined : onlineBackfill(table, c.name, backfill);
  if (online) out.push(...online.fill);
  out.push(...setNotNullOnline(table, c.name, `declare a default or a backfill expression for ${object}`));
  if (online) out.push(...online.cleanup);
  return out;
}

/** Postgres changes these types without rewriting the table (binary coercible or a wider typmod). */
function typeChangeHazards(from: string, to: string): Hazard[] {
  const vc = /^(character varying|varchar)(?:\((\d+)\))?$/;
  const num = /^numeric(?:\((\d+)(?:,(\d+))?\))?$/;
  const a = from.match(vc);
  const b = to.match(vc);
  if (a && (to === 'text' || (b && (!b[2] || (a[2] && Number(b[2]) >= Number(a[2])))))) return [];
  if (from === 'text' && b && !b[2]) return [];
  if (from === 'text' && b) return ['rewrites-table', 'deletes-data', 'access-exclusive-lock'];
  if (a && b) return ['rewrites-table', 'deletes-data', 'access-exclusive-lock'];
  const na = from.match(num);
  const nb = to.match(num);
  if (na && nb) {
    if (!nb[1]) return [];
    if (na[1] && Number(nb[1]) >= Number(na[1]) && (nb[2] ?? '0') === (na[2] ?? '0')) return [];
    return ['rewrites-table', 'deletes-data', 'access-exclusive-lock'];
  }
  const width: Record<string, number> = { smallint: 2, integer: 4, bigint: 8, real: 4, 'double precision': 8 };
  if (width[from] && width[to] && width[to]! < width[from]!) return ['rewrites-table', 'deletes-data', 'access-exclusive-lock'];
  // `time` is a prefix of `timestamp ...`: only date and time of day lose part of a timestamp.
  if (/^timestamp/.test(from) && /^(date$|time(?!stamp))/.test(to)) return ['rewrites-table', 'deletes-data', 'access-exclusive-lock'];
  return ['rewrites-table', 'access-exclusive-lock'];
}

const LOCAL_TIMESTAMP = /^timestamp(?:\(\d+\))? without time zone$/;
const ZONED_TIMESTAMP = /^timestamp(?:\(\d+\))? with time zone$/;

/**
 * Between timestamp and timestamptz the plain cast reads the values in the session's time zone,
 * which differs from one connection to the next: the conversion names the zone the local values
 * mean (the column's `time_zone`, UTC by default), both ways.
 */
export function zoneConversion(from: string, to: string): boolean {
  return (LOCAL_TIMESTAMP.test(from) && ZONED_TIMESTAMP.test(to)) || (ZONED_TIMESTAMP.test(from) && LOCAL_TIMESTAMP.test(to));
}

function typeChange(table: string, column: string, type: string, collation: string | undefined, zone: string | undefined): string {
  const collate = collation ? ` COLLATE ${collation}` : '';
  const expected = `${type}${collate}`;
  const alter = (using: string): string => `ALTER TABLE ${q(table)} ALTER COLUMN ${quoteIdent(column)} TYPE ${type}${collate} USING ${using}`;
  const c = quoteIdent(column);
  const cast = zone === undefined ? `${c}::${type}` : `${c} AT TIME ZONE ${str(zone)}`;
  return doBlock(
    `  DECLARE\n    path text := pg_catalog.current_setting('search_path');\n    current text;\n    direct boolean;\n  BEGIN\n` +
      `    PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true);\n` +
      `    SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) || coalesce(' COLLATE ' || CASE WHEN a.attcollation <> t.typcollation THEN\n` +
      `             (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_catalog.pg_collation co\n` +
      `               JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END, ''),\n` +
      `           a.atttypid = ${str(type)}::regtype\n` +
      `             OR EXISTS (SELECT 1 FROM pg_catalog.pg_cast k WHERE k.castsource = a.atttypid AND k.casttarget = ${str(type)}::regtype)\n` +
      `      INTO current, direct FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid\n` +
      `     WHERE a.attrelid = ${lit(table)}::regclass AND a.attname = ${str(column)};\n` +
      `    PERFORM pg_catalog.set_config('search_path', path, true);\n` +
      `    IF current IS DISTINCT FROM ${str(expected)} THEN\n` +
      `      IF direct THEN\n        ${alter(cast)};\n` +
      `      ELSE\n        ${alter(`${c}::text::${type}`)};\n      END IF;\n` +
      `    END IF;\n  END;`,
  );
}

/**
 * ALTER COLUMN ... TYPE, skipped when the column already has the type (as introspection prints it:
 * `format_type` under search_path pg_catalog, plus a non-default collation), since ALTER TYPE is never
 * free (it rewrites, and fails on columns used by policies even when nothing changes). Converts with
 * the type's cast when there is one, else through text.
 */
export function alterColumnType(table: string, from: Column, to: Column, timeZone?: string): Step[] {
  const hazards = from.type === to.type ? ['access-exclusive-lock' as const] : typeChangeHazards(from.type, to.type);
  const zone = zoneConversion(from.type, to.type) ? (timeZone ?? 'UTC') : undefined;
  const limit = /^(?:character varying|character|varchar|char)\((\d+)\)$/.exec(to.type)?.[1];
  const before = /^(?:character varying|character|varchar|char)(?:\((\d+)\))?$/.exec(from.type);
  const guard: Step[] = [];
  if (limit !== undefined && (from.type === 'text' || (before && (before[1] === undefined || Number(before[1]) > Number(limit))))) {
    const c = quoteIdent(to.name);
    guard.push(
      step(
        doBlock(
          `  IF EXISTS (SELECT 1 FROM ${q(table)} WHERE length(${c}::text) > ${limit}) THEN\n` +
            `    RAISE EXCEPTION ${str(`${table}.${to.name} has values longer than ${limit} characters, so its type cannot become ${to.type}`)}\n` +
            `      USING HINT = ${str('shorten those values first, or keep the wider type')};\n  END IF;`,
        ),
        `? ${table}.${to.name} fits ${to.type}`,
        `${table}.${to.name}`,
      ),
    );
  }
  return [
    ...guard,step(typeChange(table, to.name, to.type, to.collation, zone), `~ column ${table}.${to.name} type ${from.type} -> ${to.type}${zone === undefined ? '' : ` (local values in ${zone})`}`, `${table}.${to.name}`, { hazards })];
}

/** A DO block failing fast, with a clear message, when rows would break a unique key about to be built. */
function duplicatesGuard(table: string, keys: readonly string[], where: string | undefined, nullsDistinct: boolean, what: string): Step {
  const filters = [...(where !== undefined ? [`(${where})`] : []), ...(nullsDistinct ? keys.map((k) => `${k} IS NOT NULL`) : [])];
  const query = `SELECT 1 FROM ${q(table)}${filters.length ? ` WHERE ${filters.join(' AND ')}` : ''} GROUP BY ${keys.join(', ')} HAVING count(*) > 1`;
  return step(
    doBlock(
      `  IF EXISTS (${query}) THEN\n    RAISE EXCEPTION ${str(`${table} has duplicate (${keys.join(', ')}) rows, so ${what} cannot be built`)}\n` +
        `      USING HINT = ${str('remove or merge the duplicate rows first')};\n  END IF;`,
    ),
    `? ${table} has no duplicate (${keys.join(', ')})`,
    table,
  );
}

/** Index keys that are plain columns (quoted or not), the only ones a duplicate check can group by. */
const PLAIN_KEY = /^(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)$/;

const constraintExists = (table: string, name: string): string =>
  `EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = ${lit(table)}::regclass AND conname = ${str(name)})`;

/**
 * A foreign key's definition with its ON DELETE said even when it is the default (PostgreSQL prints
 * nothing for NO ACTION): the migration states what deleting the parent does, as the spec does.
 */
export function statedForeignKey(def: string): string {
  if (!/^FOREIGN KEY /.test(def) || / ON DELETE (?:NO ACTION|RESTRICT|CASCADE|SET NULL|SET DEFAULT)\b/.test(def)) return def;
  return def.replace(/( DEFERRABLE(?: INITIALLY (?:DEFERRED|IMMEDIATE))?)?$/, ' ON DELETE NO ACTION$1');
}

export function addConstraint(table: string, c: Constraint, existing: boolean, partitioned = false): Step[] {
  const def = c.kind === 'foreign_key' ? statedForeignKey(constraintDef(c)) : constraintDef(c);
  const object = `${table}.${c.name}`;
  const label = c.kind.replace('_', ' ');
  // PostgreSQL has no NOT VALID foreign key on a partitioned table: there the key is added valid.
  const validOnly = partitioned && c.kind === 'foreign_key';
  const online = existing && (c.kind === 'foreign_key' || c.kind === 'check') && !validOnly;
  // Declared `validated: false`: added NOT VALID and left so, on a new table as on an existing one.
  const keptNotValid = !c.validated && (c.kind === 'foreign_key' || c.kind === 'check') && !validOnly;
  const add = `ALTER TABLE ${q(table)} ADD CONSTRAINT ${quoteIdent(c.name)} ${def}${online || keptNotValid ? ' NOT VALID' : ''}`;
  const hazards: Hazard[] = existing && !online ? ['access-exclusive-lock'] : [];
  const out: Step[] = [];
  if (existing && (c.kind === 'unique' || c.kind === 'primary_key') && c.columns.length > 0) {
    out.push(duplicatesGuard(table, c.columns.map(quoteIdent), undefined, c.kind === 'unique' && !/NULLS NOT DISTINCT/.test(def), `${label} ${c.name}`));
    // PostgreSQL attaches no key to a partitioned table USING INDEX: there the key is added as is.
    const online = partitioned ? undefined : keyThroughIndex(table, c, def);
    if (online) return [...out, ...online];
  }
  const waiver = existing && validOnly ? `-- schema:waive fk-not-valid PostgreSQL has no NOT VALID foreign key on a partitioned table\n` : '';
  out.push(step(`${waiver}${guarded(`NOT ${constraintExists(table, c.name)}`, add)}`, `+ ${label} ${c.name} on ${table}${online || keptNotValid ? ' (NOT VALID)' : ''}`, object, { hazards }));
  if (online && !keptNotValid) out.push(validateConstraint(table, c));
  return out;
}

/** A validated FK or check back to NOT VALID, as it was: dropped and added NOT VALID in one transaction (no rows read). */
export function invalidateConstraint(table: string, c: Constraint): Step {
  const def = c.kind === 'foreign_key' ? statedForeignKey(constraintDef(c)) : constraintDef(c);
  const validated = `EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass(${lit(table)}) AND conname = ${str(c.name)} AND convalidated)`;
  const sql = doBlock(
    `  IF ${validated} THEN
    ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(c.name)};
    ALTER TABLE ${q(table)} ADD CONSTRAINT ${quoteIdent(c.name)} ${def} NOT VALID;
  END IF;`,
  );
  return step(sql, `~ ${c.kind.replace('_', ' ')} ${c.name} on ${table} back to NOT VALID`, `${table}.${c.name}`);
}

/** VALIDATE CONSTRAINT in a transaction of its own (it scans the table under a lock that lets writes through). */
export function validateConstraint(table: string, c: Constraint, why?: string): Step {
  const label = c.kind.replace('_', ' ');
  return step(`ALTER TABLE ${q(table)} VALIDATE CONSTRAINT ${quoteIdent(c.name)}`, `~ validate ${label} ${c.name} on ${table}${why ? ` (${why})` : ''}`, `${table}.${c.name}`, {
    isolated: true,
  });
}

const KEY_DEF = /^(PRIMARY KEY|UNIQUE)( NULLS NOT DISTINCT)? (\([^()]*\))( INCLUDE \([^()]*\))?( DEFERRABLE(?: INITIALLY (?:DEFERRED|IMMEDIATE))?)?$/;

/**
 * A primary key or unique key on an existing table, built online: the unique index concurrently
 * (outside a transaction, after dropping an INVALID leftover of an interrupted run), then attached as
 * the constraint (`USING INDEX`, a short lock). Undefined for definitions the index cannot carry
 * (storage parameters, tablespaces): those keep the plain ADD CONSTRAINT.
 */
function keyThroughIndex(table: string, c: Constraint, def: string): Step[] | undefined {
  const m = KEY_DEF.exec(def);
  if (!m) return undefined;
  const [, kind, nullsNotDistinct, columns, include, deferrable] = m;
  const schema = table.slice(0, table.indexOf('.'));
  const index = `${schema}.${c.name}`;
  const object = `${table}.${c.name}`;
  const label = c.kind.replace('_', ' ');
  const create =
    `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(c.name)} ON ${q(table)} ${columns!}` + `${include ?? ''}${nullsNotDistinct ?? ''}`;
  return [
    dropInvalidLeftover(schema, c.name, object),
    step(create, `+ unique index ${index} on ${table} (concurrently, for ${label} ${c.name})`, object, { transactional: false, hazards: ['not-transactional'] }),
    step(
      guarded(`NOT ${constraintExists(table, c.name)}`, `ALTER TABLE ${q(table)} ADD CONSTRAINT ${quoteIdent(c.name)} ${kind!} USING INDEX ${quoteIdent(c.name)}${deferrable ?? ''}`),
      `+ ${label} ${c.name} on ${table} (using index ${c.name})`,
      object,
      // A primary key sets NOT NULL on its columns, which scans the table under the lock when they are nullable.
      { hazards: kind === 'PRIMARY KEY' ? ['access-exclusive-lock'] : [] },
    ),
  ];
}

export function dropConstraint(table: string, c: Constraint, onlyLocal = false): Step[] {
  const drop = `ALTER TABLE IF EXISTS ${q(table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(c.name)}`;
  const local = `EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass(${lit(table)}) AND conname = ${str(c.name)} AND conislocal)`;
  return [step(onlyLocal ? guarded(local, drop) : drop, `- ${c.kind.replace('_', ' ')} ${c.name} on ${table}`, `${table}.${c.name}`)];
}

/** Drops the INVALID index a crashed concurrent build left under `schema.name`, so the build runs again. */
function dropInvalidLeftover(schema: string, name: string, object: string): Step {
  const index = `${schema}.${name}`;
  return step(
    doBlock(
      `  IF EXISTS (SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid\n` +
        `             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n` +
        `             WHERE n.nspname = ${str(schema)} AND c.relname = ${str(name)} AND NOT i.indisvalid) THEN\n` +
        `    DROP INDEX ${q(index)};\n  END IF;`,
    ),
    `- invalid leftover index ${index}`,
    object,
  );
}

/** CREATE INDEX from the parts (the draft catalog has no `definition`). */
export function indexSql(table: string, i: Index, concurrently: boolean, options: PlanOptions, only = false): string {
  const parts = [`CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS ${quoteIdent(i.name)} ON ${only ? 'ONLY ' : ''}${q(table)}`];
  if (i.method && i.method !== 'btree') parts.push(`USING ${i.method}`);
  parts.push(`(${i.keys.join(', ')})`);
  if (i.include.length > 0) parts.push(`INCLUDE (${i.include.join(', ')})`);
  // A PostgreSQL 15 feature: emitted only when the index asks for it, whatever options.targetVersion says.
  if (i.nullsNotDistinct) parts.push('NULLS NOT DISTINCT');
  void options;
  if (i.with && i.with.length > 0) parts.push(`WITH (${i.with.map(storageParameterSql).join(', ')})`);
  if (i.where !== undefined) parts.push(`WHERE ${i.where}`);
  return parts.join(' ');
}

export function createIndex(table: string, i: Index, existing: boolean, options: PlanOptions, partitions?: readonly IndexPartition[]): Step[] {
  const schema = table.slice(0, table.indexOf('.'));
  const object = `${schema}.${i.name}`;
  if (!existing) return [step(indexSql(table, i, false, options), `+ index ${object} on ${table}`, object)];
  const guard = i.unique && i.keys.length > 0 && i.keys.every((k) => PLAIN_KEY.test(k)) ? [duplicatesGuard(table, i.keys, i.where, !i.nullsNotDistinct, `unique index ${i.name}`)] : [];
  if (partitions) return [...guard, ...createPartitionedIndex(table, i, partitions, options, indexSql)];
  return [
    ...guard,
    dropInvalidLeftover(schema, i.name, object),
    step(indexSql(table, i, true, options), `+ index ${object} on ${table} (concurrently)`, object, {
      transactional: false,
      hazards: ['not-transactional'],
    }),
  ];
}

export function dropIndex(table: string, i: Index): Step[] {
  const schema = table.slice(0, table.indexOf('.'));
  const object = `${schema}.${i.name}`;
  // Skipped once a key constraint owns the index: a plan attaching the index to a new primary or unique
  // key (USING INDEX, same name) runs again without trying to drop the constraint's index.
  const owned = `EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conindid = to_regclass(${lit(object)}) AND contype IN ('p', 'u', 'x'))`;
  return [step(guarded(`to_regclass(${lit(object)}) IS NOT NULL AND NOT ${owned}`, `DROP INDEX IF EXISTS ${q(object)}`), `- index ${object}`, object)];
}
