import { describe, expect, it } from 'vitest';
import { emptyCatalog, introspect } from '../../src/catalog/index.js';
import { buildPlan } from '../../src/plan/index.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runSteps } from '../../src/shadow/run-steps.js';
import { loadSpec, toCatalog } from '../../src/spec/index.js';
import { validateSpec } from '../../src/rules/index.js';
import { freshDatabase } from '../helpers/db.js';
import { specDir } from './helpers.js';

const PLAN_OPTIONS = { lockTimeout: '5s', statementTimeout: '5min', targetVersion: 14 } as const;

describe('toCatalog of the example app', () => {
  it('builds the expected draft', async () => {
    const loaded = await loadSpec('schema');
    const { catalog, inputs } = toCatalog(loaded.spec, { preset: 'supabase' });
    expect(Object.keys(catalog.tables)).toEqual(['public.notifications', 'public.partner_connections', 'public.profiles', 'public.sessions']);
    expect(catalog.enums['public.notification_kind']?.values).toEqual(['system', 'partner_request', 'reminder']);
    const n = catalog.tables['public.notifications']!;
    const column = (name: string) => n.columns.find((c) => c.name === name)!;
    expect(n.columns.map((c) => c.name)).toEqual(['id', 'recipient_user_id', 'kind', 'payload', 'is_read', 'sent_at', 'read_at', 'created_at', 'updated_at']);
    expect(column('kind')).toMatchObject({ type: 'public.notification_kind', notNull: true, default: "'system'::public.notification_kind" });
    expect(column('payload').default).toBe("'{}'::jsonb");
    expect(column('is_read').default).toBe('false');
    expect(column('id')).toMatchObject({ type: 'bigserial', notNull: true });
    expect(n.constraints['notifications_pkey']).toMatchObject({ kind: 'primary_key', columns: ['id'], definition: 'PRIMARY KEY (id)' });
    expect(n.constraints['notifications_recipient_user_id_fkey']).toMatchObject({
      kind: 'foreign_key',
      definition: 'FOREIGN KEY (recipient_user_id) REFERENCES auth.users(id) ON DELETE CASCADE',
      foreignKey: { table: 'auth.users', columns: ['id'], onDelete: 'cascade', onUpdate: 'no action', match: 'simple' },
      validated: true,
      deferrable: false,
    });
    expect(n.indexes['notifications_recipient_user_id_created_at_idx']).toMatchObject({
      keys: ['recipient_user_id', 'created_at'],
      method: 'btree',
      where: 'NOT is_read',
      unique: false,
    });
    expect(n.policies['notifications_select_own']).toEqual({
      name: 'notifications_select_own',
      command: 'select',
      permissive: true,
      roles: ['authenticated'],
      using: '(select auth.uid()) = recipient_user_id',
    });
    expect(n.triggers['update_notifications_updated_at']).toMatchObject({
      timing: 'before',
      events: ['update'],
      forEach: 'row',
      function: 'public.update_updated_at_column',
      enabled: true,
    });
    expect(n.grants).toEqual({
      authenticated: ['select', 'update'],
      service_role: ['delete', 'insert', 'references', 'select', 'trigger', 'truncate', 'update'],
    });
    expect(n.rls).toBe(true);

    const p = catalog.tables['public.profiles']!;
    expect(p.columns.find((c) => c.name === 'settings')!.default).toBe(`'{"theme":"light","emails":true}'::jsonb`);
    expect(p.constraints['profiles_username_key']).toMatchObject({ kind: 'unique', definition: 'UNIQUE (username)' });
    expect(p.constraints['profiles_username_format']!.definition).toBe("CHECK ((username ~ '^[a-z0-9_]{3,40}$'))");

    const fn = catalog.functions['public.update_updated_at_column()']!;
    expect(fn).toMatchObject({ language: 'plpgsql', returns: 'trigger', security: 'invoker', volatility: 'volatile', identityArgs: '' });
    expect(fn.definition).toMatch(/^CREATE OR REPLACE FUNCTION public\.update_updated_at_column\(\)\n RETURNS trigger LANGUAGE plpgsql VOLATILE SET search_path = ''\nAS \$fn\$/);
    expect(catalog.functions['public.handle_new_user()']!.definition).toContain('SECURITY DEFINER');
    expect(catalog.externalTriggers['auth.users.on_auth_user_created']).toMatchObject({
      table: 'auth.users',
      timing: 'after',
      events: ['insert'],
      function: 'public.handle_new_user',
    });
    expect(inputs).toEqual({
      managedSchemas: ['public'],
      managedRoles: ['anon', 'authenticated', 'service_role'],
      extensions: [],
      tableRenames: {},
      columnRenames: {},
      enumRemaps: {},
      backfills: {},
      externalTables: ['auth.users'],
    });
  });

  it('creates everything on a fresh database', async () => {
    const loaded = await loadSpec('schema');
    expect(validateSpec(loaded, { exposed_schemas: ['public'], preset: 'supabase' }).errors).toEqual([]);
    const { catalog, inputs } = toCatalog(loaded.spec, { preset: 'supabase' });
    const plan = buildPlan(emptyCatalog(), catalog, inputs, PLAN_OPTIONS);
    const t = await freshDatabase('spec');
    try {
      await t.db.exec(supabasePresetSql());
      await runSteps(t.db, plan.forward);
      const live = await introspect(t.db, { schemas: ['public'], extensions: [] });
      expect(Object.keys(live.tables).sort()).toEqual(['public.notifications', 'public.partner_connections', 'public.profiles', 'public.sessions']);
      expect(live.tables['public.notifications']!.columns.find((c) => c.name === 'kind')!.default).toBe("'system'::public.notification_kind");
      expect(Object.keys(live.externalTriggers)).toEqual(['auth.users.on_auth_user_created']);
      // The sign-up trigger really creates the profile.
      await t.db.exec(`INSERT INTO auth.users (id, raw_user_meta_data) VALUES ('00000000-0000-0000-0000-000000000001', '{"display_name": "Ada"}')`);
      const rows = await t.db.query<{ display_name: string; settings: unknown }>('SELECT display_name, settings FROM public.profiles');
      expect(rows).toEqual([{ display_name: 'Ada', settings: { theme: 'light', emails: true } }]);
    } finally {
      await t.drop();
    }
  });
});

describe('toCatalog quoting and defaults', () => {
  it('quotes awkward names everywhere they reach SQL, and the result runs', async () => {
    const dir = specDir({
      'odd.yaml': `enums:
  "Kind; x":
    values: [a'b, "c d"]
tables:
  'my "table"; drop':
    columns:
      "Id Col": { type: uuid, primary_key: true, default: gen_random_uuid() }
      "ünïcode": { type: '"Kind; x"', not_null: true, default: "a'b" }
      "semi;colon": { type: text, unique: true }
      parent: { type: uuid, references: { table: '"my ""table""; drop"', column: "Id Col", on_delete: set null } }
    indexes:
      - { columns: ["semi;colon", "(lower(\\"semi;colon\\"))"], name: "idx; x" }
    checks:
      'chk "q"': length("semi;colon") > 0
`,
    });
    const loaded = await loadSpec(dir);
    expect(validateSpec(loaded, { exposed_schemas: [], preset: 'none' }).errors).toEqual([]);
    const { catalog, inputs } = toCatalog(loaded.spec, { preset: 'none' });
    const table = catalog.tables['public.my "table"; drop']!;
    expect(table.columns.find((c) => c.name === 'ünïcode')).toMatchObject({ type: 'public."Kind; x"', default: `'a''b'::public."Kind; x"` });
    expect(table.constraints['my "table"; drop_pkey']!.definition).toBe('PRIMARY KEY ("Id Col")');
    expect(table.constraints['my "table"; drop_semi;colon_key']!.definition).toBe('UNIQUE ("semi;colon")');
    expect(table.constraints['my "table"; drop_parent_fkey']!.definition).toBe('FOREIGN KEY (parent) REFERENCES public."my ""table""; drop"("Id Col") ON DELETE SET NULL');
    expect(table.indexes['idx; x']!.keys).toEqual(['"semi;colon"', '(lower("semi;colon"))']);
    const t = await freshDatabase('spec');
    try {
      await runSteps(t.db, buildPlan(emptyCatalog(), catalog, inputs, PLAN_OPTIONS).forward);
      const live = await introspect(t.db, { schemas: ['public'], extensions: [] });
      expect(Object.keys(live.tables)).toEqual(['public.my "table"; drop']);
      expect(live.enums['public.Kind; x']!.values).toEqual(["a'b", 'c d']);
      expect(Object.keys(live.tables['public.my "table"; drop']!.constraints).sort()).toEqual(
        Object.keys(table.constraints).sort(),
      );
    } finally {
      await t.drop();
    }
  });

  it('names constraints and indexes like PostgreSQL, truncated to 63 bytes', async () => {
    const long = 'a_really_long_table_name_that_goes_on_and_on_and_on_forever';
    const dir = specDir({
      't.yaml': `tables:
  ${long}:
    columns:
      another_quite_long_column_name: { type: text, unique: true }
      id: { type: bigint, primary_key: true, identity: always }
    indexes:
      - columns: [another_quite_long_column_name, id]
`,
    });
    const wide = 'é'.repeat(30);
    const dir2 = specDir({ 'u.yaml': `tables:\n  ${wide}:\n    columns:\n      ${'ü'.repeat(12)}: { type: text, unique: true }\n    indexes: [{ columns: [${'ü'.repeat(12)}] }]\n` });
    const wideDraft = toCatalog((await loadSpec(dir2)).spec, { preset: 'none' }).catalog.tables[`public.${wide}`]!;
    const { catalog, inputs } = toCatalog((await loadSpec(dir)).spec, { preset: 'none' });
    const table = catalog.tables[`public.${long}`]!;
    const t = await freshDatabase('spec');
    try {
      // Let PostgreSQL choose the names itself, then compare.
      await t.db.exec(`CREATE TABLE ${long} (another_quite_long_column_name text UNIQUE, id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
        CREATE INDEX ON ${long} (another_quite_long_column_name, id);
        CREATE TABLE "${wide}" ("${'ü'.repeat(12)}" text UNIQUE);
        CREATE INDEX ON "${wide}" ("${'ü'.repeat(12)}");`);
      const live = await introspect(t.db, { schemas: ['public'], extensions: [] });
      const actual = live.tables[`public.${long}`]!;
      expect(Object.keys(table.constraints).sort()).toEqual(Object.keys(actual.constraints).sort());
      expect(Object.keys(table.indexes)).toEqual(Object.keys(actual.indexes));
      const wideActual = live.tables[`public.${wide}`]!;
      expect(Object.keys(wideDraft.constraints)).toEqual(Object.keys(wideActual.constraints));
      expect(Object.keys(wideDraft.indexes)).toEqual(Object.keys(wideActual.indexes));
      expect(inputs.managedSchemas).toEqual(['public']);
    } finally {
      await t.drop();
    }
  });

  it('carries renames, remaps and backfills into the plan inputs', async () => {
    const dir = specDir({
      'r.yaml': `schemas: { app: { comment: App } }
enums:
  app.status: { values: [active, archived], remap: { deleted: archived } }
tables:
  app.people:
    renamed_from: persons
    grants: { authenticated: [select] }
    columns:
      id: { type: uuid, primary_key: true }
      full_name: { type: text, renamed_from: name, not_null: true, backfill: "''" }
      status: { type: app.status, not_null: true, default: active }
functions:
  app.add:
    args: [{ name: a, type: integer }, { name: b, type: integer, default: "1" }]
    returns: integer
    language: sql
    body: SELECT a + b
    grants: { service_role: [execute] }
`,
    });
    const { catalog, inputs } = toCatalog((await loadSpec(dir)).spec, { preset: 'supabase' });
    expect(inputs).toMatchObject({
      managedSchemas: ['app'],
      managedRoles: ['authenticated', 'service_role'],
      tableRenames: { 'app.people': 'app.persons' },
      columnRenames: { 'app.people.full_name': 'name' },
      enumRemaps: { 'app.status': { deleted: 'archived' } },
      backfills: { 'app.people.full_name': "''" },
    });
    expect(catalog.schemas).toEqual({ app: { name: 'app', comment: 'App' } });
    expect(catalog.tables['app.people']!.columns[2]).toMatchObject({ type: 'app.status', default: "'active'::app.status" });
    const fn = catalog.functions['app.add(integer, integer)']!;
    expect(fn).toMatchObject({ args: 'a integer, b integer DEFAULT 1', language: 'sql', grants: { service_role: ['execute'] } });
  });

  it('creates domains, sequences, views, partitions, composite keys and functions with arguments', async () => {
    const dir = specDir({
      'all.yaml': `schemas: { public: , app: }
domains:
  email: { type: text, checks: { email_has_at: "VALUE LIKE '%@%'" } }
sequences:
  app.ticket_no: { type: integer, start: 100, owned_by: app.tickets.no }
tables:
  app.tickets:
    columns:
      org: { type: uuid }
      no: { type: integer, default: "nextval('app.ticket_no')" }
      contact: { type: email }
      opened: { type: timestamptz, not_null: true, default: now() }
    primary_key: { name: tickets_pk, columns: [org, no] }
    grants: { service_role: [all] }
  app.comments:
    columns:
      id: { type: bigint, primary_key: true, identity: by default }
      org: { type: uuid, not_null: true }
      no: { type: integer, not_null: true }
      body: { type: text, collation: C }
    foreign_keys:
      comments_ticket_fkey: { columns: [org, no], references: { table: app.tickets }, on_delete: cascade, deferrable: initially deferred }
    unique: { comments_org_body_key: { columns: [org, body], nulls_not_distinct: false } }
  events:
    columns:
      at: { type: timestamptz, not_null: true }
      what: { type: text }
    partition_by: RANGE (at)
  events_2024:
    partition_of: { table: events, bound: "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')" }
    columns: {}
views:
  app.open_tickets:
    query: SELECT org, no FROM app.tickets WHERE opened > now() - interval '7 days'
    grants: { authenticated: [select] }
functions:
  app.add:
    args: [{ name: a, type: integer }, { name: b, type: integer, default: "1" }]
    returns: integer
    language: sql
    volatility: immutable
    strict: true
    body: "SELECT a + b"
    grants: { authenticated: [execute] }
`,
    });
    const loaded = await loadSpec(dir);
    expect(validateSpec(loaded, { exposed_schemas: [], preset: 'supabase' }).errors).toEqual([]);
    const { catalog, inputs } = toCatalog(loaded.spec, { preset: 'supabase' });
    expect(catalog.tables['app.comments']!.constraints['comments_ticket_fkey']!.definition).toBe(
      'FOREIGN KEY (org, no) REFERENCES app.tickets(org, no) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED',
    );
    expect(catalog.sequences['app.ticket_no']).toMatchObject({ type: 'integer', start: '100', max: '2147483647', ownedBy: 'app.tickets.no' });
    const t = await freshDatabase('spec');
    try {
      await t.db.exec(supabasePresetSql());
      await runSteps(t.db, buildPlan(emptyCatalog(), catalog, inputs, PLAN_OPTIONS).forward);
      const live = await introspect(t.db, { schemas: ['app', 'public'], extensions: [] });
      expect(Object.keys(live.tables).sort()).toEqual(['app.comments', 'app.tickets', 'public.events', 'public.events_2024']);
      expect(Object.keys(live.views)).toEqual(['app.open_tickets']);
      expect(Object.keys(live.domains)).toEqual(['public.email']);
      expect(Object.values(live.functions).map((f) => [f.schema, f.name, f.volatility, f.strict, f.grants['authenticated']])).toEqual([['app', 'add', 'immutable', true, ['execute']]]);
      expect(live.tables['app.tickets']!.constraints['tickets_pk']!.definition).toBe('PRIMARY KEY (org, no)');
      const [{ sum }] = await t.db.query<{ sum: number }>('SELECT app.add(2) AS sum');
      expect(sum).toBe(3);
    } finally {
      await t.drop();
    }
  });
});

describe('toCatalog of overloaded functions', () => {
  it('reads a signature in the key as the overload it names, not as part of the name', async () => {
    const dir = specDir({
      'f.yaml': `functions:
  "add(a integer, b integer)":
    args: [{ name: a, type: integer }, { name: b, type: integer }]
    returns: integer
    language: sql
    body: SELECT a + b
  "add(a text, b text)":
    args: [{ name: a, type: text }, { name: b, type: text }]
    returns: text
    language: sql
    body: SELECT a || b
`,
    });
    const { catalog } = toCatalog((await loadSpec(dir)).spec, { preset: 'supabase' });
    expect(Object.keys(catalog.functions)).toEqual(['public.add(integer, integer)', 'public.add(text, text)']);
    expect(Object.values(catalog.functions).map((f) => f.name)).toEqual(['add', 'add']);
  });
});
