import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pullDatabase, pullSpec, specFragments } from '../../src/pull/index.js';
import { PULLED_REASON, waivePulledFindings } from '../../src/pull/waivers.js';
import { freshDatabase } from '../helpers/db.js';
import { loadCorpus } from '../catalog/helpers.js';

async function pulled(corpus: string | undefined, sql = '', schemas?: readonly string[]) {
  const t = await freshDatabase('pull');
  try {
    if (corpus) await loadCorpus(t.db, corpus);
    if (sql) await t.db.exec(sql);
    const result = await pullDatabase(t.db, schemas);
    return { ...result, files: pullSpec(result.catalog, { schemas: result.schemas }) };
  } finally {
    await t.drop();
  }
}

describe('pullSpec', () => {
  it('writes the example app as a person would', async () => {
    const { files } = await pulled('supabase-app.sql');
    expect([...files.keys()]).toEqual([
      'enums.yaml',
      'external.yaml',
      'functions.yaml',
      'schemas.yaml',
      'tables/public.notifications.yaml',
      'tables/public.partner_requests.yaml',
      'tables/public.profiles.yaml',
      'views.yaml',
    ]);
    const notifications = files.get('tables/public.notifications.yaml')!;
    expect(notifications).toContain('comment: In-app notifications');
    expect(notifications).toContain('id: { type: uuid, primary_key: true, default: gen_random_uuid() }');
    expect(notifications).toContain('payload: { type: jsonb, not_null: true, default: {} }');
    expect(notifications).toContain('recipient_user_id: { type: uuid, not_null: true, references: { table: auth.users, on_delete: cascade } }');
    expect(notifications).toContain('created_at: { type: timestamptz, not_null: true, default: now() }');
    // An enum column's default is the bare value.
    expect(notifications).toContain('kind: { type: notification_kind, not_null: true, default: system }');
    expect(notifications).toContain('- { columns: [ recipient_user_id, created_at ], where: NOT is_read }');
    expect(notifications).toContain('notifications_select_own: { for: select, to: authenticated, using: auth.uid() = recipient_user_id }');
    expect(notifications).toContain('update_notifications_updated_at: { before: update, function: update_updated_at_column }');
    expect(notifications).toContain('grants: { authenticated: [ select, update ], service_role: [ all ] }');
    // Postgres's defaults and default names are noise.
    for (const noise of ['on_update', 'for_each', 'btree', 'permissive', 'notifications_pkey', '_fkey', '_idx', 'public.']) {
      expect(notifications).not.toContain(noise);
    }
    expect(files.get('tables/public.partner_requests.yaml')).toContain(
      'from_user_id: { type: uuid, not_null: true, references: { table: profiles, on_delete: cascade } }',
    );
    expect(files.get('schemas.yaml')).toBe('schemas:\n  public:\n');
    expect(parse(files.get('external.yaml')!)).toEqual({
      external: {
        'auth.users': {
          columns: ['id'],
          triggers: { on_auth_user_created: { after: 'insert', function: 'handle_new_user' } },
        },
      },
    });
    const functions = parse(files.get('functions.yaml')!) as { functions: Record<string, Record<string, unknown>> };
    expect(functions.functions['handle_new_user']).toMatchObject({
      args: [],
      returns: 'trigger',
      language: 'plpgsql',
      security: 'definer',
      search_path: 'public, pg_temp',
    });
    expect(functions.functions['handle_new_user']!['body']).toContain('INSERT INTO public.profiles');
  });

  it('writes YAML that parses back to exactly the spec it was made from', async () => {
    for (const corpus of ['every-kind.sql', 'awkward-names.sql', 'supabase-app.sql', 'legacy.sql']) {
      const { catalog, schemas, files } = await pulled(corpus);
      const fragments = specFragments(catalog, { schemas });
      expect(fragments.length, corpus).toBe(files.size);
      for (const fragment of fragments) {
        expect(parse(files.get(fragment.file)!), `${corpus} ${fragment.file}`).toEqual(JSON.parse(JSON.stringify(waivePulledFindings(fragment.spec, { exposedSchemas: ["public"] }))));
      }
    }
  });

  it('writes names only where they differ from the ones Postgres would choose', async () => {
    const { files } = await pulled(
      undefined,
      `CREATE TABLE parent (id int PRIMARY KEY, code text CONSTRAINT parent_code_key UNIQUE, alt text CONSTRAINT alt_is_unique UNIQUE);
       CREATE TABLE child (a int, b int, parent_id int REFERENCES parent ON DELETE CASCADE,
         other_id int CONSTRAINT child_other FOREIGN KEY REFERENCES parent (id) ON DELETE SET NULL,
         CONSTRAINT child_ab PRIMARY KEY (a, b));
       CREATE INDEX ON child (a, b); CREATE INDEX child_by_b ON child (b); CREATE INDEX ON child (lower(b::text));`.replace(
        'CONSTRAINT child_other FOREIGN KEY REFERENCES',
        'CONSTRAINT child_other REFERENCES',
      ),
    );
    const parent = parse(files.get('tables/public.parent.yaml')!).tables.parent;
    expect(parent.columns.id).toEqual({ type: 'integer', primary_key: true });
    expect(parent.columns.code).toEqual({ type: 'text', unique: true });
    expect(parent.columns.alt).toEqual({ type: 'text' });
    expect(parent.unique).toEqual({ alt_is_unique: ['alt'] });
    const child = parse(files.get('tables/public.child.yaml')!).tables.child;
    expect(child.primary_key).toEqual({ name: 'child_ab', columns: ['a', 'b'] });
    expect(child.columns.parent_id.references).toEqual({ table: 'parent', on_delete: 'cascade' });
    expect(child.columns.other_id.references).toEqual({ table: 'parent', on_delete: 'set null', name: 'child_other' });
    expect(child.indexes).toEqual([
      { columns: ['a', 'b'] },
      { name: 'child_by_b', columns: ['b'] },
      { name: 'child_lower_idx', columns: ['(lower(b::text))'] },
    ]);
  });

  it('writes index keys as the spec reads them: bare names, options after them, expressions in parentheses', async () => {
    const { files } = await pulled(
      'awkward-names.sql',
      `CREATE TABLE public.sp ("a b" int, "select" text, c int);
       CREATE INDEX sp_i ON public.sp ("a b" DESC, "select" text_pattern_ops, c NULLS FIRST, (c + 1), upper("select") DESC);`,
    );
    const items = parse(files.get('tables/My_Schema.Order_Items.yaml')!).tables['My Schema.Order Items'];
    expect(items.indexes).toEqual([{ name: 'Order Items By Select', columns: ['select DESC', 'user'] }]);
    const sp = parse(files.get('tables/public.sp.yaml')!).tables.sp;
    expect(sp.indexes).toEqual([
      { name: 'sp_i', columns: ['("a b") DESC', 'select text_pattern_ops', 'c NULLS FIRST', '(c + 1)', '(upper("select")) DESC'] },
    ]);
  });

  it('pulls a legacy database faithfully, timestamp columns and all', async () => {
    const { files } = await pulled('legacy.sql');
    const users = parse(files.get('tables/public.users.yaml')!).tables.users;
    // Each checklist error of the state as pulled is waived on its object, saying so: plan refuses
    // checklist errors on what it creates, and planning this spec onto a fresh database creates it all.
    const waive = { timestamptz: PULLED_REASON };
    expect(users.columns.created_at).toEqual({ type: 'timestamp', not_null: true, default: 'CURRENT_TIMESTAMP', waive });
    expect(users.columns.updated_at).toEqual({ type: 'timestamp', waive });
    expect(users.columns.last_seen).toEqual({ type: 'timestamp(3)', waive });
    expect(users.waive).toEqual({ 'rls-required': PULLED_REASON });
    expect(users.columns.id).toEqual({ type: 'integer', primary_key: true, default: "nextval('public.users_id_seq'::regclass)" });
    const orders = parse(files.get('tables/public.orders.yaml')!).tables.orders;
    // An FK without ON DELETE says so, so `validate` can point at it.
    expect(orders.columns.user_id.references).toEqual({ table: 'users', on_delete: 'no action' });
    // json (unlike jsonb) keeps its text as written: a SQL literal, not a YAML map.
    expect(orders.columns.meta).toEqual({ type: 'json', default: `'{"a":1}'` });
    expect(orders.indexes).toEqual([{ columns: ['user_id', 'placed_at'] }]);
    expect(parse(files.get('sequences.yaml')!).sequences).toEqual({
      orders_id_seq: { type: 'integer', owned_by: 'orders.id' },
      users_id_seq: { type: 'integer', owned_by: 'users.id' },
    });
  });

  it('pulls only the schemas asked for, and declares them', async () => {
    const { files, schemas } = await pulled('every-kind.sql', '', ['app']);
    expect(schemas).toEqual(['app']);
    expect(parse(files.get('schemas.yaml')!)).toEqual({ schemas: { app: { comment: 'Application objects' } } });
    expect([...files.keys()].filter((f) => f.startsWith('tables/'))).toEqual([
      'tables/app.events.yaml',
      'tables/app.events_2024.yaml',
      'tables/app.events_default.yaml',
    ]);
    expect(files.get('enums.yaml')).toBe('enums:\n  app.status: [ draft, published, archived ]\n');
  });

  it('is deterministic', async () => {
    const a = await pulled('every-kind.sql');
    const b = await pulled('every-kind.sql');
    expect([...b.files]).toEqual([...a.files]);
  });
});
