import { inner, qualified, strings, type Node, type RangeVar } from '../sql/ast.js';
import type { Unit } from '../sql/analyze.js';
import type { Finding } from '../util/findings.js';
import { analysisOf, sqlFinding } from './helpers.js';
import { DUPLICATE_CONDITIONS, isGuarded } from './sql-facts.js';
import type { Rule } from './types.js';

const ID = 'idempotent-ddl';

/** `IF NOT EXISTS` / `OR REPLACE` flags, by statement kind. */
const FLAG: Record<string, { field: string; fix: string; what: string }> = {
  CreateStmt: { field: 'if_not_exists', fix: 'write CREATE TABLE IF NOT EXISTS', what: 'CREATE TABLE' },
  IndexStmt: { field: 'if_not_exists', fix: 'write CREATE INDEX [CONCURRENTLY] IF NOT EXISTS <name> (an index needs a name for IF NOT EXISTS)', what: 'CREATE INDEX' },
  CreateSeqStmt: { field: 'if_not_exists', fix: 'write CREATE SEQUENCE IF NOT EXISTS', what: 'CREATE SEQUENCE' },
  CreateSchemaStmt: { field: 'if_not_exists', fix: 'write CREATE SCHEMA IF NOT EXISTS', what: 'CREATE SCHEMA' },
  CreateExtensionStmt: { field: 'if_not_exists', fix: 'write CREATE EXTENSION IF NOT EXISTS', what: 'CREATE EXTENSION' },
  CreateTableAsStmt: { field: 'if_not_exists', fix: 'write CREATE ... IF NOT EXISTS ... AS', what: 'CREATE TABLE/MATERIALIZED VIEW AS' },
  ViewStmt: { field: 'replace', fix: 'write CREATE OR REPLACE VIEW', what: 'CREATE VIEW' },
  CreateFunctionStmt: { field: 'replace', fix: 'write CREATE OR REPLACE FUNCTION', what: 'CREATE FUNCTION' },
};

/** Statements with no IF NOT EXISTS: a DO-block guard, or a DROP ... IF EXISTS of the same object first. */
const NEEDS_GUARD: Record<string, { drop: string; what: string }> = {
  CreatePolicyStmt: { drop: 'OBJECT_POLICY', what: 'CREATE POLICY' },
  CreateTrigStmt: { drop: 'OBJECT_TRIGGER', what: 'CREATE TRIGGER' },
  CreateDomainStmt: { drop: 'OBJECT_DOMAIN', what: 'CREATE DOMAIN' },
  CompositeTypeStmt: { drop: 'OBJECT_TYPE', what: 'CREATE TYPE' },
  CreateRangeStmt: { drop: 'OBJECT_TYPE', what: 'CREATE TYPE' },
  CreateRoleStmt: { drop: 'OBJECT_ROLE', what: 'CREATE ROLE' },
  RenameStmt: { drop: '', what: 'RENAME' },
};

const GUARD_FIX = 'wrap it in DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_catalog...) THEN ... END IF; END $$, or precede it with DROP ... IF EXISTS';

/** Name of the object a guarded statement creates, comparable with a DropStmt's last name. */
function createdName(unit: Unit): { name: string; table?: string } {
  const b = unit.body;
  switch (unit.kind) {
    case 'CreatePolicyStmt': return { name: String(b['policy_name']), table: qualified(b['table'] as RangeVar) };
    case 'CreateTrigStmt': return { name: String(b['trigname']), table: qualified(b['relation'] as RangeVar) };
    case 'CreateDomainStmt': return { name: strings(b['domainname']).pop() ?? '' };
    case 'CompositeTypeStmt': return { name: (b['typevar'] as RangeVar | undefined)?.relname ?? '' };
    case 'CreateRangeStmt': return { name: strings(b['typeName']).pop() ?? '' };
    case 'CreateRoleStmt': return { name: String(b['role']) };
    default: return { name: '' };
  }
}

function droppedEarlier(units: readonly Unit[], unit: Unit, removeType: string): boolean {
  const target = createdName(unit);
  return units.some((other) => {
    if (other.statementIndex > unit.statementIndex || (other === unit)) return false;
    if (removeType === 'OBJECT_ROLE' && other.kind === 'DropRoleStmt' && other.body['missing_ok'] === true) {
      return ((other.body['roles'] as Node[] | undefined) ?? []).some((r) => inner(r)['rolename'] === target.name);
    }
    if (other.kind !== 'DropStmt' || other.body['removeType'] !== removeType || other.body['missing_ok'] !== true) return false;
    return ((other.body['objects'] as Node[] | undefined) ?? []).some((object) => {
      const names = 'List' in object ? strings(inner(object)['items']) : 'TypeName' in object ? strings(inner(object)['names']) : strings([object]);
      if (names[names.length - 1] !== target.name) return false;
      if (!target.table) return true;
      const table = names.slice(0, -1);
      return qualified({ relname: table[table.length - 1]!, ...(table.length > 1 ? { schemaname: table[0]! } : {}) }) === target.table;
    });
  });
}

export const idempotentDdl: Rule = {
  id: ID,
  title: 'Every statement can run twice (IF [NOT] EXISTS, OR REPLACE, or a DO-block guard)',
  severity: 'error',
  docs: `## Why
Deploys get retried, and a migration that stopped halfway must be runnable again. Every
statement must succeed (and change nothing) the second time: \`IF [NOT] EXISTS\`, \`CREATE OR
REPLACE\`, or, where Postgres has neither (policies, constraints, triggers before 14, renames),
a DO block that checks the catalog first or catches the duplicate error.

## Bad
\`\`\`sql
CREATE TABLE notifications (id uuid PRIMARY KEY);
ALTER TABLE notifications ADD COLUMN is_read boolean DEFAULT false;
CREATE POLICY own ON notifications USING (auth.uid() = recipient_user_id);
DROP INDEX notifications_recipient_idx;
\`\`\`

## Good
\`\`\`sql
CREATE TABLE IF NOT EXISTS notifications (id uuid PRIMARY KEY);
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS is_read BOOLEAN DEFAULT FALSE;
DROP POLICY IF EXISTS own ON notifications;
CREATE POLICY own ON notifications USING (auth.uid() = recipient_user_id);
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'notifications_kind_check') THEN
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind <> '');
  END IF;
END $$;
DROP INDEX IF EXISTS notifications_recipient_idx;
CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$ ... $$;
\`\`\`

## Waive
\`-- schema:waive idempotent-ddl reason\` on the statement's line or the line before.
`,
  checkSql(input) {
    const findings: Finding[] = [];
    const analysis = analysisOf(input);
    const units = analysis.units;
    const flag = (unit: Unit, message: string, fix: string): void => {
      findings.push(sqlFinding(input, unit, undefined, 'error', ID, message, fix));
    };
    for (const unit of units) {
      if (unit.expression || isGuarded(unit, DUPLICATE_CONDITIONS)) continue;
      const b = unit.body;
      const flagSpec = FLAG[unit.kind];
      if (flagSpec) {
        if (unit.kind === 'CreateStmt' && (b['relation'] as RangeVar | undefined)?.relpersistence === 't') continue;
        if (b[flagSpec.field] !== true) flag(unit, `${flagSpec.what} fails when it runs a second time`, flagSpec.fix);
        continue;
      }
      const guard = NEEDS_GUARD[unit.kind];
      if (guard) {
        if (unit.kind === 'CreateTrigStmt' && b['replace'] === true) continue;
        if (guard.drop && droppedEarlier(units, unit, guard.drop)) continue;
        flag(unit, `${guard.what} has no IF NOT EXISTS and is not guarded, so it fails when it runs a second time`, GUARD_FIX);
        continue;
      }
      if ((unit.kind === 'DropStmt' || unit.kind === 'DropRoleStmt') && b['missing_ok'] !== true) {
        flag(unit, 'DROP without IF EXISTS fails when it runs a second time', 'write DROP ... IF EXISTS');
        continue;
      }
      if (unit.kind === 'AlterTableStmt') {
        for (const cmdNode of (b['cmds'] as Node[] | undefined) ?? []) {
          const cmd = inner(cmdNode);
          const subtype = cmd['subtype'];
          const name = String(cmd['name'] ?? inner(cmd['def'])['colname'] ?? '');
          if ((subtype === 'AT_AddColumn') && cmd['missing_ok'] !== true) {
            flag(unit, `ADD COLUMN ${name} without IF NOT EXISTS fails when it runs a second time`, 'write ADD COLUMN IF NOT EXISTS');
          } else if ((subtype === 'AT_DropColumn' || subtype === 'AT_DropConstraint') && cmd['missing_ok'] !== true) {
            flag(unit, `${subtype === 'AT_DropColumn' ? 'DROP COLUMN' : 'DROP CONSTRAINT'} ${name} without IF EXISTS fails when it runs a second time`, `write ${subtype === 'AT_DropColumn' ? 'DROP COLUMN' : 'DROP CONSTRAINT'} IF EXISTS`);
          } else if (subtype === 'AT_AddConstraint') {
            const conname = inner(cmd['def'])['conname'] as string | undefined;
            const table = qualified(b['relation'] as RangeVar);
            const dropped = conname !== undefined && units.some((other) => other.statementIndex < unit.statementIndex && other.kind === 'AlterTableStmt' &&
              qualified(other.body['relation'] as RangeVar) === table &&
              ((other.body['cmds'] as Node[] | undefined) ?? []).some((c) => inner(c)['subtype'] === 'AT_DropConstraint' && inner(c)['name'] === conname && inner(c)['missing_ok'] === true));
            if (!dropped) {
              flag(unit, `ADD CONSTRAINT ${conname ?? '(unnamed)'} has no IF NOT EXISTS and is not guarded, so it fails (or duplicates) when it runs a second time`,
                'wrap it in DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = ...) THEN ... END IF; END $$, or DROP CONSTRAINT IF EXISTS first');
            }
          }
        }
      }
    }
    return findings;
  },
};
