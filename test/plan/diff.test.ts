/** The differ, the ordering and the script renderer on hand-built catalogs: pure, no database. */
import { describe, expect, it } from 'vitest';
import { emptyCatalog, type Catalog, type Column, type FunctionDef, type Table, type Trigger } from '../../src/catalog/index.js';
import { buildPlan } from '../../src/plan/build.js';
import { UnsupportedChange, type Change } from '../../src/plan/changes.js';
import { diff } from '../../src/plan/diff/index.js';
import { NO_PARTS } from '../../src/plan/diff/table-renames.js';
import { renderChange } from '../../src/plan/render/index.js';
import { renderScript } from '../../src/plan/script.js';
import type { Step } from '../../src/plan/types.js';
import { inputsFor, OPTIONS } from './harness.js';

const col = (name: string, type = 'integer', extra: Partial<Column> = {}): Column => ({ name, type, notNull: false, ...extra });

function table(key: string, columns: Column[], extra: Partial<Table> = {}): Table {
  const [schema, name] = key.split('.') as [string, string];
  return { schema, name, kind: 'table', columns, constraints: {}, indexes: {}, triggers: {}, policies: {}, rls: false, forceRls: false, grants: {}, ...extra };
}

const fn = (name: string, returns = 'trigger', body = 'BEGIN RETURN NEW; END'): FunctionDef => ({
  schema: 'public',
  name,
  kind: 'function',
  identityArgs: '',
  args: '',
  returns,
  language: 'plpgsql',
  body,
  volatility: 'volatile',
  security: 'invoker',
  strict: false,
  config: [],
  definition: `CREATE OR REPLACE FUNCTION public.${name}()\n RETURNS ${returns}\n LANGUAGE plpgsql\nAS $function$${body}$function$\n`,
  grants: { public: ['execute'] },
});

const trigger = (name: string, fnName: string): Trigger => ({
  name,
  timing: 'before',
  events: ['update'],
  updateOf: [],
  forEach: 'row',
  function: `public.${fnName}`,
  args: [],
  definition: '',
  enabled: true,
});

const catalog = (parts: Partial<Catalog>): Catalog => ({ ...emptyCatalog(), schemas: { public: { name: 'public' } }, ...parts });

const kinds = (changes: readonly Change[]): string[] => changes.filter((c) => !c.implied).map((c) => c.kind);

const RICH = catalog({
  enums: { 'public.mood': { schema: 'public', name: 'mood', values: ['a', 'b'] } },
  tables: {
    'public.t': table('public.t', [col('id', 'uuid', { notNull: true }), col('m', 'public.mood')], {
      rls: true,
      grants: { authenticated: ['select'] },
      triggers: { tr: trigger('tr', 'touch') },
      policies: { p: { name: 'p', command: 'select', permissive: true, roles: ['authenticated'], using: 'true' } },
    }),
  },
  functions: { 'public.touch()': fn('touch') },
});

describe('diff', () => {
  it('finds nothing between identical catalogs', () => {
    expect(diff(RICH, structuredClone(RICH), inputsFor())).toEqual([]);
    expect(buildPlan(RICH, RICH, inputsFor(), OPTIONS).forward).toEqual([]);
  });

  it('never touches schemas it does not manage, nor external tables', () => {
    const to = catalog({
      tables: { 'other.x': table('other.x', [col('a')]), 'auth.users': table('auth.users', [col('id', 'uuid')]) },
    });
    expect(diff(catalog({}), to, inputsFor({ managedSchemas: ['public', 'auth'] }))).toEqual([]);
    expect(diff(to, catalog({}), inputsFor({ managedSchemas: ['public', 'auth'] }))).toEqual([]);
  });

  it('grants and revokes only for managed roles, by privilege', () => {
    const from = catalog({ tables: { 'public.t': table('public.t', [col('a')], { grants: { anon: ['select', 'insert'], postgres_fdw_user: ['select'] } }) } });
    const to = catalog({ tables: { 'public.t': table('public.t', [col('a')], { grants: { anon: ['select', 'update'] } }) } });
    const changes = diff(from, to, inputsFor({ managedRoles: ['anon'] }));
    expect(changes).toEqual([
      { kind: 'Revoke', target: { type: 'table', key: 'public.t' }, role: 'anon', privileges: ['insert'] },
      { kind: 'Grant', target: { type: 'table', key: 'public.t' }, role: 'anon', privileges: ['update'] },
    ]);
  });

  it('manages triggers on external tables', () => {
    const ext = { ...trigger('on_user', 'touch'), table: 'auth.users' };
    const to = catalog({ functions: { 'public.touch()': fn('touch') }, externalTriggers: { 'auth.users.on_user': ext } });
    const from = catalog({ functions: { 'public.touch()': fn('touch') } });
    const changes = diff(from, to, inputsFor());
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'CreateTrigger', table: 'auth.users', external: true });
    expect(kinds(diff(to, from, inputsFor()))).toEqual(['DropTrigger']);
  });

  it('turns declared renames into RENAME, never drop + add', () => {
    const from = catalog({ tables: { 'public.persons': table('public.persons', [col('id'), col('fullname', 'text')]) } });
    const to = catalog({ tables: { 'public.people': table('public.people', [col('id'), col('name', 'text')]) } });
    const inputs = inputsFor({ tableRenames: { 'public.people': 'public.persons' }, columnRenames: { 'public.people.name': 'fullname' } });
    expect(diff(from, to, inputs)).toEqual([
      { kind: 'RenameTable', from: 'public.persons', to: 'public.people', parts: NO_PARTS },
      { kind: 'RenameColumn', table: 'public.people', from: 'fullname', to: 'name' },
    ]);
    // Without the declaration it is a different table.
    expect(kinds(diff(from, to, inputsFor()))).toEqual(['CreateTable', 'DropTable']);
  });

  it('adds enum values in place, renames through the remap, replaces the type for removals', () => {
    const e = (values: string[]): Catalog => catalog({ enums: { 'public.mood': { schema: 'public', name: 'mood', values } } });
    expect(diff(e(['a', 'c']), e(['a', 'b', 'c', 'd']), inputsFor())).toMatchObject([
      { kind: 'AddEnumValue', value: 'b', before: 'c' },
      { kind: 'AddEnumValue', value: 'd', after: 'c' },
    ]);
    expect(diff(e(['a', 'b']), e(['a', 'x']), inputsFor({ enumRemaps: { 'public.mood': { b: 'x' } } }))).toEqual([
      { kind: 'RenameEnumValue', enum: 'public.mood', from: 'b', to: 'x' },
    ]);
    expect(kinds(diff(e(['a', 'b']), e(['b']), inputsFor()))).toEqual(['ReplaceEnum']);
    expect(kinds(diff(e(['a', 'b']), e(['b', 'a']), inputsFor()))).toEqual(['ReplaceEnum']);
  });

  it('drops and recreates a function whose result type changes, with the triggers that use it', () => {
    const withTable = (f: FunctionDef): Catalog =>
      catalog({ functions: { 'public.touch()': f }, tables: { 'public.t': table('public.t', [col('a')], { triggers: { tr: trigger('tr', 'touch') } }) } });
    const changes = diff(withTable(fn('touch', 'trigger')), withTable(fn('touch', 'event_trigger')), inputsFor());
    expect(kinds(changes).sort()).toEqual(['CreateFunction', 'CreateTrigger', 'DropFunction', 'DropTrigger']);
    const body = diff(withTable(fn('touch')), withTable(fn('touch', 'trigger', 'BEGIN RETURN OLD; END')), inputsFor());
    expect(kinds(body)).toEqual(['ReplaceFunction']);
  });
});

describe('buildPlan', () => {
  it('orders by dependency: schema, enum, function, table, FK, trigger, policy, grant', () => {
    const to = catalog({
      schemas: { public: { name: 'public' }, app: { name: 'app' } },
      enums: { 'app.mood': { schema: 'app', name: 'mood', values: ['a'] } },
      functions: { 'public.touch()': fn('touch') },
      tables: {
        'app.a_child': table('app.a_child', [col('parent', 'integer'), col('m', 'app.mood')], {
          constraints: {
            fk: {
              name: 'fk',
              kind: 'foreign_key',
              columns: ['parent'],
              definition: 'FOREIGN KEY (parent) REFERENCES app.z_parent(id) ON DELETE CASCADE',
              validated: true,
              deferrable: false,
              initiallyDeferred: false,
              foreignKey: { table: 'app.z_parent', columns: ['id'], onDelete: 'cascade', onUpdate: 'no action', match: 'simple' },
            },
          },
          triggers: { tr: trigger('tr', 'touch') },
          rls: true,
          policies: { p: { name: 'p', command: 'all', permissive: true, roles: ['public'], using: 'true' } },
          grants: { anon: ['select'] },
        }),
        'app.z_parent': table('app.z_parent', [col('id', 'integer', { notNull: true })], {
          constraints: {
            pk: { name: 'pk', kind: 'primary_key', columns: ['id'], definition: 'PRIMARY KEY (id)', validated: true, deferrable: false, initiallyDeferred: false },
          },
        }),
      },
    });
    const plan = buildPlan(catalog({}), to, inputsFor({ managedSchemas: ['app', 'public'] }), OPTIONS);
    const at = (text: string): number => {
      const i = plan.forward.findIndex((s) => s.description.startsWith(text));
      expect(i, text).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = ['+ schema app', '+ enum app.mood', '+ table app.a_child', '+ table app.z_parent', '+ primary key pk', '+ foreign key fk', '+ function public.touch()', '+ trigger tr', '~ table app.a_child enable RLS', '+ policy p', '+ grant select'];
    const positions = order.map(at);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The rollback undoes it in reverse (the referencing table first), dropping only what the forward plan made.
    expect(plan.rollback.map((s) => s.description)).toEqual(['- foreign key fk on app.a_child', '- table app.a_child', '- table app.z_parent', '- function public.touch()', '- enum app.mood', '- schema app']);
  });

  it('marks dropped data as a hazard and its rollback as irreversible', () => {
    const from = catalog({ tables: { 'public.t': table('public.t', [col('a'), col('b')]) } });
    const to = catalog({ tables: { 'public.t': table('public.t', [col('a')]) } });
    const plan = buildPlan(from, to, inputsFor(), OPTIONS);
    // The app version still deployed loses the column too (compat.ts); the step says what it loses.
    expect(plan.hazards).toEqual(['breaks-clients', 'deletes-data']);
    expect(plan.forward[0]!.breaks).toBe('column public.t.b: its queries naming the column fail');
    expect(plan.rollback).toHaveLength(1);
    expect(plan.rollback[0]!.hazards).not.toContain('breaks-clients');
    expect(plan.rollback[0]!.hazards).toContain('irreversible');
    expect(renderScript(plan.rollback, OPTIONS)).toContain('(irreversible: the data is not restored) [irreversible]');
  });

  it('an unknown change is a typed error, never a silent skip', () => {
    expect(() => renderChange({ kind: 'Bogus' } as unknown as Change, OPTIONS)).toThrow(UnsupportedChange);
  });
});

describe('renderScript', () => {
  const s = (i: number, extra: Partial<Step> = {}): Step => ({ sql: `SELECT ${i}`, transactional: true, description: `step ${i}`, object: 'x', hazards: [], ...extra });

  it('wraps transactional runs with SET LOCAL timeouts and puts each statement after its comment', () => {
    const text = renderScript([s(1), s(2, { hazards: ['deletes-data'] })], OPTIONS);
    expect(text).toBe(
      "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '1min';\n\n-- step 1\nSELECT 1;\n\n-- step 2 [deletes-data]\nSELECT 2;\n\nCOMMIT;\n",
    );
    expect(renderScript([], OPTIONS)).toBe('');
  });

  it('splits big runs, runs isolated steps in their own transaction and non-transactional ones alone', () => {
    const steps = [...Array.from({ length: 450 }, (_, i) => s(i)), s(1000, { isolated: true }), s(1001), s(1002, { transactional: false }), s(1003)];
    const text = renderScript(steps, OPTIONS);
    expect(text.match(/^BEGIN;$/gm)).toHaveLength(6);
    expect(text.match(/^COMMIT;$/gm)).toHaveLength(6);
    expect(text).toContain('BEGIN;\nSET LOCAL lock_timeout = \'5s\';\nSET LOCAL statement_timeout = \'1min\';\n\n-- step 1000\nSELECT 1000;\n\nCOMMIT;');
    expect(text).toContain('COMMIT;\n\n-- step 1002\nSELECT 1002;\n\nBEGIN;');
    expect(text).not.toMatch(/^SET (?!LOCAL)/m);
  });
});
