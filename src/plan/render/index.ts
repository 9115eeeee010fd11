/** One Change -> its Steps. The switch is exhaustive; an unknown change is an UnsupportedChange error. */
import { alterComposite, createComposite, dropComposite } from './composites.js';
import { identityOptionsClause, sameIdentityOptions } from '../../catalog/identity-options.js';
import { alterSequenceSql, identityAlterSql } from './identity.js';
import { quoteIdent } from '../../catalog/names.js';
import type { EnumType, FunctionDef, Policy, Sequence, Trigger, View } from '../../catalog/types.js';
import { UnsupportedChange, unsupported, type Change, type EnumColumnUse, type ObjectRef } from '../changes.js';
import type { Hazard, PlanOptions, Step } from '../types.js';
import { backfillCleanup } from './backfill.js';
import { replaceEnum } from './enums.js';
import { setTableStorage } from './table-storage.js';
import { doBlock, guarded, lit, q, shortName, step, str } from './sql.js';
import {
  addColumn,
  addConstraint,
  alterColumnType,
  createIndex,
  createTable,
  dropConstraint,
  dropIndex,
  validateConstraint,
  invalidateConstraint,
  renameColumn,
  renameColumnCycle,
  setNotNullOnline,
} from './tables.js';
import { own } from '../../util/object-keys.js';
import { renamedParts, renameTable } from './table-rename.js';
import { renderPublicationChange } from './publications.js';
import { renderPlatformChange } from './platform.js';
import { partitionAttachSteps } from './partition-attach.js';
import { recreatedViewExtras, renderOwner } from './owners.js';
import { fnKey, fnRef, objectGrantsSql, refName, renderGrant } from './grants.js';

export { refName };

export function renderChange(change: Change, options: PlanOptions): Step[] {
  if (change.implied) return [];
  switch (change.kind) {
    case 'CreateSchema':
      return [step(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(change.schema.name)}`, `+ schema ${change.schema.name}`, change.schema.name)];
    case 'DropSchema':
      return [step(`DROP SCHEMA IF EXISTS ${quoteIdent(change.schema.name)}`, `- schema ${change.schema.name}`, change.schema.name)];
    case 'CreateExtension':
      return [
        step(
          `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(change.extension.name)} WITH SCHEMA ${quoteIdent(change.extension.schema)}`,
          `+ extension ${change.extension.name}`,
          change.extension.name,
        ),
      ];
    case 'DropExtension':
      return [step(`DROP EXTENSION IF EXISTS ${quoteIdent(change.extension.name)}`, `- extension ${change.extension.name}`, change.extension.name)];
    case 'CreateEnum':
      return [step(createEnumSql(change.enum), `+ enum ${key(change.enum)}`, key(change.enum))];
    case 'DropEnum':
      return [step(`DROP TYPE IF EXISTS ${q(key(change.enum))}`, `- enum ${key(change.enum)}`, key(change.enum))];
    case 'AddEnumValue': {
      const k = key(change.enum);
      const position = change.before !== undefined ? ` BEFORE ${str(change.before)}` : change.after !== undefined ? ` AFTER ${str(change.after)}` : '';
      return [
        step(`ALTER TYPE ${q(k)} ADD VALUE IF NOT EXISTS ${str(change.value)}${position}`, `+ enum value ${k} ${change.value}`, k, { isolated: true }),
      ];
    }
    case 'RenameEnumValue': {
      const label = (v: string): string =>
        `EXISTS (SELECT 1 FROM pg_catalog.pg_enum WHERE enumtypid = ${lit(change.enum)}::regtype AND enumlabel = ${str(v)})`;
      return [
        step(
          guarded(`${label(change.from)} AND NOT ${label(change.to)}`, `ALTER TYPE ${q(change.enum)} RENAME VALUE ${str(change.from)} TO ${str(change.to)}`),
          `~ enum value ${change.enum} ${change.from} renamed to ${change.to}`,
          change.enum,
        ),
      ];
    }
    case 'ReplaceEnum':
      return replaceEnum(change.from, change.to, change.remap, change.columns);
    case 'CreateComposite':
      return createComposite(change.composite);
    case 'DropComposite':
      return dropComposite(change.composite);
    case 'AlterComposite':
      return alterComposite(change.from, change.to);
    case 'CreateDomain': {
      const d = change.domain;
      const k = key(d);
      const parts = [`CREATE DOMAIN ${q(k)} AS ${d.type}`];
      if (d.collation) parts.push(`COLLATE ${d.collation}`);
      if (d.default !== undefined) parts.push(`DEFAULT ${d.default}`);
      if (d.notNull) parts.push('NOT NULL');
      for (const [name, def] of Object.entries(d.checks)) parts.push(`CONSTRAINT ${quoteIdent(name)} ${def}`);
      // Guarded by a lookup, not an EXCEPTION block: a subtransaction right after DROP DOMAIN of the
      // same name in one transaction fails ("unprocessed inval messages").
      return [step(guarded(`to_regtype(${lit(k)}) IS NULL`, parts.join(' ')), `+ domain ${k}`, k)];
    }
    case 'DropDomain':
      return [step(`DROP DOMAIN IF EXISTS ${q(key(change.domain))}`, `- domain ${key(change.domain)}`, key(change.domain))];
    case 'AlterDomain': {
      const { from, to } = change;
      const k = key(to);
      const d = `ALTER DOMAIN ${q(k)}`;
      const out: Step[] = [];
      if (from.default !== to.default) {
        out.push(step(to.default === undefined ? `${d} DROP DEFAULT` : `${d} SET DEFAULT ${to.default}`, `~ domain ${k} default`, k));
      }
      if (from.notNull !== to.notNull) out.push(step(`${d} ${to.notNull ? 'SET' : 'DROP'} NOT NULL`, `~ domain ${k} not null`, k));
      for (const [name, def] of Object.entries(from.checks)) {
        if (own(to.checks, name) !== def) out.push(step(`${d} DROP CONSTRAINT IF EXISTS ${quoteIdent(name)}`, `- domain check ${k} ${name}`, k));
      }
      for (const [name, def] of Object.entries(to.checks)) {
        if (own(from.checks, name) === def) continue;
        out.push(
          step(
            guarded(
              `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE contypid = ${lit(k)}::regtype AND conname = ${str(name)})`,
              `${d} ADD CONSTRAINT ${quoteIdent(name)} ${def}`,
            ),
            `+ domain check ${k} ${name}`,
            k,
          ),
        );
      }
      return out;
    }
    case 'CreateSequence':
      return [step(`CREATE SEQUENCE IF NOT EXISTS ${q(key(change.sequence))}${sequenceOptions(change.sequence)}`, `+ sequence ${key(change.sequence)}`, key(change.sequence))];
    case 'DropSequence':
      return [step(`DROP SEQUENCE IF EXISTS ${q(key(change.sequence))}`, `- sequence ${key(change.sequence)}`, key(change.sequence))];
    case 'AlterSequence':
      return [step(alterSequenceSql(change.to, sequenceOptions(change.to)), `~ sequence ${key(change.to)}`, key(change.to))];
    case 'SetSequenceOwner': {
      const owner = change.to === undefined ? 'NONE' : ownerColumn(change.to);
      return [step(`ALTER SEQUENCE ${q(change.sequence)} OWNED BY ${owner}`, `~ sequence ${change.sequence} owned by ${change.to ?? 'none'}`, change.sequence)];
    }
    case 'CreateTable':
      return createTable(key(change.table), change.table);
    case 'DropTable': {
      const drop = `DROP TABLE IF EXISTS ${q(key(change.table))}`;
      const conditions = [
        ...(change.whileTable === undefined ? [] : [`to_regclass(${lit(change.whileTable)}) IS NOT NULL`]),
        ...(change.whileTableKind ? [`EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = to_regclass(${lit(key(change.table))}) AND relkind IN ('r', 'p'))`] : []),
        ...(change.unlessShape === undefined ? [] : [liveShapeDiffers(key(change.table), change.unlessShape)]),
      ];
      return [step(conditions.length ? guarded(conditions.join(' AND '), drop) : drop, `- table ${key(change.table)}`, key(change.table), { hazards: ['deletes-data'] })];
    }
    case 'RenameTable':
      return [...renameTable(change.from, change.to), ...renamedParts(change.to, change.parts)];
    case 'AddColumn':
      return addColumn(change.table, change.column, change.existing, change.backfill);
    case 'DropColumn': {
      const drop = `ALTER TABLE IF EXISTS ${q(change.table)} DROP COLUMN IF EXISTS ${quoteIdent(change.column.name)}`;
      const whileColumn = change.whileColumn;
      const sql =
        whileColumn === undefined
          ? drop
          : guarded(`EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(${lit(change.table)}) AND attname = ${str(whileColumn)} AND NOT attisdropped)`, drop);
      return [
        // DROP TRIGGER IF EXISTS fails on a missing table: the cleanup runs only while the table is there.
        ...(change.backfilled ? backfillCleanup(change.table, change.column.name).map((s) => ({ ...s, sql: guarded(`to_regclass(${lit(change.table)}) IS NOT NULL`, s.sql) })) : []),
        step(sql, `- column ${change.table}.${change.column.name}`, `${change.table}.${change.column.name}`, {
          hazards: ['deletes-data'],
        }),
      ];
    }
    case 'RenameColumn':
      return renameColumn(change.table, change.from, change.to);
    case 'RenameColumns':
      return renameColumnCycle(change.table, change.renames, change.order);
    case 'AlterColumnType':
      return alterColumnType(change.table, change.from, change.to, change.timeZone);
    case 'SetColumnDefault':
      return [step(`${alterColumn(change.table, change.column)} SET DEFAULT ${change.to}`, `~ column ${change.table}.${change.column} default ${change.to}`, `${change.table}.${change.column}`)];
    case 'DropColumnDefault': {
      const drop = `${alterColumn(change.table, change.column)} DROP DEFAULT`;
      const identity = `EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = ${lit(change.table)}::regclass AND attname = ${str(change.column)} AND attidentity <> '')`;
      const sql = change.beforeIdentity ? guarded(`NOT ${identity}`, drop) : drop;
      return [step(sql, `~ column ${change.table}.${change.column} drop default`, `${change.table}.${change.column}`)];
    }
    case 'SetNotNull':
      if (!change.existing) return [step(`${alterColumn(change.table, change.column)} SET NOT NULL`, `~ column ${change.table}.${change.column} not null`, `${change.table}.${change.column}`)];
      return setNotNullOnline(change.table, change.column, `update the NULL rows of ${change.table}.${change.column} first, or declare a backfill`);
    case 'DropNotNull':
      return [step(`${alterColumn(change.table, change.column)} DROP NOT NULL`, `~ column ${change.table}.${change.column} nullable`, `${change.table}.${change.column}`)];
    case 'SetIdentity': {
      const col = alterColumn(change.table, change.column);
      const object = `${change.table}.${change.column}`;
      const gen = (v: 'always' | 'by default'): string => (v === 'always' ? 'ALWAYS' : 'BY DEFAULT');
      if (change.to === undefined) return [step(`${col} DROP IDENTITY IF EXISTS`, `~ column ${object} drop identity`, object)];
      if (change.from !== undefined) {
        const generation = change.from !== change.to ? `SET GENERATED ${gen(change.to)}` : '';
        if (sameIdentityOptions(change.fromOptions, change.toOptions)) return [step(`${col} ${generation}`, `~ column ${object} identity ${change.to}`, object)];
        const sql = identityAlterSql(col, generation, change.table, change.column, change.type ?? 'bigint', change.toOptions);
        return [step(sql, `~ column ${object} identity ${change.to} options`, object)];
      }
      return [
        step(
          guarded(
            `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = ${lit(change.table)}::regclass AND attname = ${str(change.column)} AND attidentity <> '')`,
            `${col} ADD GENERATED ${gen(change.to)} AS IDENTITY${identityOptionsClause(change.toOptions)}`,
          ),
          `~ column ${object} identity ${change.to}`,
          object,
        ),
      ];
    }
    case 'AddConstraint':
      return addConstraint(change.table, change.constraint, change.existing, change.partitioned === true);
    case 'DropConstraint':
      return dropConstraint(change.table, change.constraint, change.onlyLocal === true);
    case 'ValidateConstraint':
      return [validateConstraint(change.table, change.constraint, 'left NOT VALID')];
    case 'InvalidateConstraint':
      return [invalidateConstraint(change.table, change.constraint)];
    case 'CreateIndex':
      return createIndex(change.table, change.index, change.existing, options, change.partitions);
    case 'DropIndex':
      return dropIndex(change.table, change.index);
    case 'CreateFunction':
      return [step(functionSql(change.fn), `+ ${change.fn.kind} ${fnKey(change.fn)}`, fnKey(change.fn))];
    case 'ReplaceFunction':
      return [step(functionSql(change.to), `~ ${change.to.kind} ${fnKey(change.to)}`, fnKey(change.to))];
    case 'DropFunction':
      return [step(`DROP ${change.fn.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} IF EXISTS ${fnRef(change.fn)}`, `- ${change.fn.kind} ${fnKey(change.fn)}`, fnKey(change.fn))];
    case 'CreateTrigger':
      return triggerSteps(change.table, change.trigger, undefined, options);
    case 'ReplaceTrigger':
      return triggerSteps(change.table, change.to, change.from, options);
    case 'DropTrigger':
      return [
        step(`DROP TRIGGER IF EXISTS ${quoteIdent(change.trigger.name)} ON ${q(change.table)}`, `- trigger ${change.trigger.name} on ${change.table}`, `${change.table}.${change.trigger.name}`),
      ];
    case 'SetTableStorage':
      return setTableStorage(change.table, change.from, change.to);
    case 'EnableRls':
      return [step(`ALTER TABLE ${q(change.table)} ENABLE ROW LEVEL SECURITY`, `~ table ${change.table} enable RLS`, change.table)];
    case 'DisableRls':
      return [step(`ALTER TABLE ${q(change.table)} DISABLE ROW LEVEL SECURITY`, `~ table ${change.table} disable RLS`, change.table)];
    case 'ForceRls':
      return [step(`ALTER TABLE ${q(change.table)} FORCE ROW LEVEL SECURITY`, `~ table ${change.table} force RLS`, change.table)];
    case 'NoForceRls':
      return [step(`ALTER TABLE ${q(change.table)} NO FORCE ROW LEVEL SECURITY`, `~ table ${change.table} no force RLS`, change.table)];
    case 'CreatePolicy':
      return [
        step(
          guarded(
            `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = ${lit(change.table)}::regclass AND polname = ${str(change.policy.name)})`,
            createPolicySql(change.table, change.policy),
          ),
          `+ policy ${change.policy.name} on ${change.table}`,
          `${change.table}.${change.policy.name}`,
        ),
      ];
    case 'AlterPolicy': {
      const p = change.to;
      let sql = `ALTER POLICY ${quoteIdent(p.name)} ON ${q(change.table)} TO ${roles(p.roles)}`;
      if (p.using !== undefined) sql += ` USING (${p.using})`;
      if (p.check !== undefined) sql += ` WITH CHECK (${p.check})`;
      return [step(sql, `~ policy ${p.name} on ${change.table}`, `${change.table}.${p.name}`)];
    }
    case 'DropPolicy':
      return [
        step(`DROP POLICY IF EXISTS ${quoteIdent(change.policy.name)} ON ${q(change.table)}`, `- policy ${change.policy.name} on ${change.table}`, `${change.table}.${change.policy.name}`),
      ];
    case 'CreateView':
      return [step(viewSql(change.view), `+ ${viewType(change.view)} ${key(change.view)}`, key(change.view))];
    case 'ReplaceView': {
      const { from, to } = change;
      const k = key(to);
      if (from.columns.every((c, i) => to.columns[i] === c)) {
        if (from.materialized || to.materialized) return [step(viewSql(to), `~ ${viewType(to)} ${k}`, k)];
        // A column whose type changes cannot be replaced (42P16): then the view is dropped and created
        // again, with its grants and comment (nothing depends on it, or it would have been recreated).
        const again = [
          `DROP VIEW IF EXISTS ${q(k)}`,
          viewSql(to),
          ...objectGrantsSql(`TABLE ${q(k)}`, to.grants),
          ...(to.comment !== undefined ? [`COMMENT ON VIEW ${q(k)} IS ${str(to.comment)}`] : []),
          ...recreatedViewExtras(k, to),
        ];
        const body = `  ${viewSql(to).replaceAll('\n', '\n  ')};\nEXCEPTION WHEN invalid_table_definition THEN\n${again.map((x) => `  ${x.replaceAll('\n', '\n  ')};`).join('\n')}`;
        return [step(doBlock(body), `~ ${viewType(to)} ${k}`, k)];
      }
      // Fewer columns: CREATE OR REPLACE cannot drop columns, so drop and create (nothing depends on it).
      const out = [
        step(`DROP VIEW IF EXISTS ${q(k)}`, `- view ${k} (recreated)`, k),
        step(viewSql(to), `+ view ${k}`, k),
      ];
      for (const sql of objectGrantsSql(`TABLE ${q(k)}`, to.grants)) out.push(step(sql, `+ grant on ${k} to ${/ TO (.*?)(?: WITH GRANT OPTION)?$/.exec(sql)![1]}`, k));
      if (to.comment !== undefined) out.push(step(`COMMENT ON VIEW ${q(k)} IS ${str(to.comment)}`, `~ comment on view ${k}`, k));
      for (const sql of recreatedViewExtras(k, to)) out.push(step(sql, `~ view ${k} column comment or owner`, k));
      return out;
    }
    case 'DropView':
      // Guarded by kind: a re-run may find a view of the other kind under the same name (view <-> materialized view).
      return [
        step(
          guarded(
            `EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = to_regclass(${lit(key(change.view))}) AND relkind = '${change.view.materialized ? 'm' : 'v'}')`,
            `DROP ${change.view.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} IF EXISTS ${q(key(change.view))}`,
          ),
          `- ${viewType(change.view)} ${key(change.view)}`,
          key(change.view),
        ),
      ];
    case 'Grant':
    case 'Revoke':
      return renderGrant(change);
    case 'SetComment':
      return [
        step(
          `COMMENT ON ${commentTarget(change.target)} IS ${change.to === undefined ? 'NULL' : str(change.to)}`,
          `~ comment on ${change.target.type} ${refName(change.target)}`,
          refName(change.target),
        ),
      ];
    case 'SetOwner':
      return [renderOwner(change.target, change.to)];
    case 'AddToPublication':
    case 'DropFromPublication':
    case 'SetReplicaIdentity':
    case 'SetBucket':
    case 'SetCronJob':
      return renderPlatformChange(change);
    case 'AttachPartition':
    case 'DetachPartition':
      return partitionAttachSteps(change);
    case 'SetPublication':
      return renderPublicationChange(change);
    default:
      return unsupported(change);
  }
}

const key = (o: { schema: string; name: string }): string => `${o.schema}.${o.name}`;
/** The live table is partitioned otherwise, or a partition of another parent or bound, than `shape` (see tableShape). */
function liveShapeDiffers(table: string, shape: string): string {
  return (
    `EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = to_regclass(${lit(table)}) AND\n` +
    `      coalesce(CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, '') || '|' ||\n` +
    `      coalesce((SELECT pn.nspname || '.' || pc.relname FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent\n` +
    `                JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid AND c.relispartition LIMIT 1), '') || '|' ||\n` +
    `      coalesce(CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END, '') IS DISTINCT FROM ${str(shape)})`
  );
}

const alterColumn = (table: string, column: string): string => `ALTER TABLE ${q(table)} ALTER COLUMN ${quoteIdent(column)}`;
const viewType = (v: View): string => (v.materialized ? 'materialized view' : 'view');

function createEnumSql(e: EnumType): string {
  return doBlock(`  CREATE TYPE ${q(key(e))} AS ENUM (${e.values.map(str).join(', ')});\nEXCEPTION WHEN duplicate_object THEN NULL;`);
}

function sequenceOptions(s: Sequence): string {
  return ` AS ${s.type} INCREMENT BY ${s.increment} MINVALUE ${s.min} MAXVALUE ${s.max} START WITH ${s.start} CACHE ${s.cache} ${s.cycle ? 'CYCLE' : 'NO CYCLE'}`;
}

/** `schema.table.column` (OWNED BY) -> quoted reference. */
function ownerColumn(owner: string): string {
  const last = owner.lastIndexOf('.');
  return `${q(owner.slice(0, last))}.${quoteIdent(owner.slice(last + 1))}`;
}

function functionSql(fn: FunctionDef): string {
  const def = fn.definition.trim().replace(/;\s*$/, '');
  // SQL-language bodies are checked at creation; tables they read may come later in the plan.
  return fn.language === 'sql' ? `SET LOCAL check_function_bodies = off;\n${def}` : def;
}

function triggerSteps(table: string, t: Trigger, before: Trigger | undefined, options: PlanOptions): Step[] {
  const events = t.events
    .map((e) => (e === 'update' && t.updateOf.length > 0 ? `UPDATE OF ${t.updateOf.map(quoteIdent).join(', ')}` : e.toUpperCase()))
    .join(' OR ');
  const fn = q(t.function);
  const args = t.args.map(str).join(', ');
  const when = t.when !== undefined ? ` WHEN (${t.when})` : '';
  const deferral = t.constraint ? `${t.constraint.deferrable ? ' DEFERRABLE' : ''}${t.constraint.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}` : '';
  const body = `TRIGGER ${quoteIdent(t.name)} ${t.timing.toUpperCase()} ${events} ON ${q(table)}${deferral} FOR EACH ${t.forEach.toUpperCase()}${when} EXECUTE FUNCTION ${fn}(${args})`;
  const object = `${table}.${t.name}`;
  const out: Step[] = [];
  // CREATE OR REPLACE does not take (or replace) a constraint trigger: it is dropped and created.
  if (t.constraint || before?.constraint) {
    if (before) out.push(step(`DROP TRIGGER IF EXISTS ${quoteIdent(t.name)} ON ${q(table)}`, `- trigger ${t.name} on ${table} (replaced)`, object));
    const create = `CREATE ${t.constraint ? 'CONSTRAINT ' : ''}${body}`;
    const exists = `EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = ${lit(table)}::regclass AND tgname = ${str(t.name)})`;
    out.push(step(before ? create : guarded(`NOT ${exists}`, create), `+ trigger ${t.name} on ${table}`, object));
  } else if (options.targetVersion >= 14) out.push(step(`CREATE OR REPLACE ${body}`, `${before ? '~' : '+'} trigger ${t.name} on ${table}`, object));
  else {
    out.push(step(`DROP TRIGGER IF EXISTS ${quoteIdent(t.name)} ON ${q(table)}`, `- trigger ${t.name} on ${table} (replaced)`, object));
    out.push(step(`CREATE ${body}`, `+ trigger ${t.name} on ${table}`, object));
  }
  if (!t.enabled || (before && !before.enabled)) {
    out.push(step(`ALTER TABLE ${q(table)} ${t.enabled ? 'ENABLE' : 'DISABLE'} TRIGGER ${quoteIdent(t.name)}`, `~ trigger ${t.name} on ${table} ${t.enabled ? 'enabled' : 'disabled'}`, object));
  }
  return out;
}

const roles = (list: readonly string[]): string => (list.length === 0 ? 'PUBLIC' : list.map((r) => (r === 'public' ? 'PUBLIC' : quoteIdent(r))).join(', '));

function createPolicySql(table: string, p: Policy): string {
  let sql = `CREATE POLICY ${quoteIdent(p.name)} ON ${q(table)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command.toUpperCase()} TO ${roles(p.roles)}`;
  if (p.using !== undefined) sql += ` USING (${p.using})`;
  if (p.check !== undefined) sql += ` WITH CHECK (${p.check})`;
  return sql;
}

function viewSql(v: View): string {
  const def = v.definition.trim().replace(/;\s*$/, '');
  const options = v.options.length > 0 ? ` WITH (${v.options.join(', ')})` : '';
  if (v.materialized) return `CREATE MATERIALIZED VIEW IF NOT EXISTS ${q(key(v))}${options} AS\n${def}`;
  return `CREATE OR REPLACE VIEW ${q(key(v))}${options} AS\n${def}`;
}

function commentTarget(target: ObjectRef): string {
  switch (target.type) {
    case 'schema':
      return `SCHEMA ${quoteIdent(target.name)}`;
    case 'table':
    case 'view':
    case 'materialized view':
    case 'sequence':
    case 'type':
    case 'domain':
      return `${target.type.toUpperCase()} ${q(target.key)}`;
    case 'column':
      return `COLUMN ${q(target.table)}.${quoteIdent(target.column)}`;
    case 'index':
      return `INDEX ${q(`${target.table.slice(0, target.table.indexOf('.'))}.${target.name}`)}`;
    case 'constraint':
    case 'trigger':
    case 'policy':
      return `${target.type.toUpperCase()} ${quoteIdent(target.name)} ON ${q(target.table)}`;
    case 'function':
      return `${target.fn.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${fnRef(target.fn)}`;
    case 'default privileges':
      // Default privileges take no comment.
      throw new UnsupportedChange(target);
    default:
      return unsupported(target);
  }
}

