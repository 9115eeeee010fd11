import { describe, expect, it } from 'vitest';
import { catalogFingerprint, catalogJson, INTROSPECTION_QUERY_COUNT, introspect, normalizeCatalog } from '../../src/catalog/index.js';
import { pullDatabase } from '../../src/pull/index.js';
import { connect } from '../../src/db/index.js';
import { quoteIdent } from '../../src/catalog/names.js';
import { freshDatabase, serverMajor } from '../helpers/db.js';
import { countingRunner, introspectScope, loadCorpus } from './helpers.js';

describe('introspection', () => {
  it('reads every object kind of the catalog', async () => {
    const t = await freshDatabase('cat');
    try {
      await loadCorpus(t.db, 'every-kind.sql', true);
      const c = await introspectScope(t.db, ['app', 'public']);

      // public as initdb leaves it: PUBLIC may use it (and, before PostgreSQL 15, create in it).
      expect(c.schemas).toEqual({ app: { name: 'app', comment: 'Application objects' }, public: { name: 'public', grants: { public: serverMajor() >= 15 ? ['usage'] : ['usage', 'create'] } } });
      expect(c.extensions).toEqual({ citext: { name: 'citext', schema: 'public' }, pgcrypto: { name: 'pgcrypto', schema: 'public' } });
      expect(c.enums['public.mood']).toEqual({ schema: 'public', name: 'mood', values: ['sad', 'ok', 'happy'], comment: 'How it went' });
      expect(c.enums['app.status']?.values).toEqual(['draft', 'published', 'archived']);
      expect(c.domains['public.positive_int']).toMatchObject({
        type: 'integer',
        notNull: true,
        default: '1',
        checks: { positive_int_check: 'CHECK (VALUE > 0)' },
      });
      expect(c.domains['public.short_text']).toMatchObject({ type: 'character varying(40)', notNull: false, comment: 'Non-blank short text' });
      expect(c.sequences['public.invoice_number']).toEqual({
        schema: 'public', name: 'invoice_number', type: 'integer', start: '1000', increment: '5', min: '10',
        max: '999999', cache: '2', cycle: true, comment: 'Invoice numbers',
        grants: { authenticated: ['select'], service_role: ['usage'] },
      });
      expect(c.sequences['public.invoices_seq_no_seq']?.ownedBy).toBe('public.invoices.seq_no');

      const accounts = c.tables['public.accounts']!;
      const col = (name: string) => accounts.columns.find((x) => x.name === name);
      expect(accounts.columns.map((x) => x.name)).toEqual([
        'id', 'email', 'handle', 'mood', 'score', 'balance', 'tags', 'settings', 'created_at', 'handle_lower',
      ]);
      expect(col('id')).toEqual({ name: 'id', type: 'bigint', notNull: true, identity: 'always' });
      expect(col('email')).toEqual({ name: 'email', type: 'public.citext', notNull: true, comment: 'Login email', grants: { authenticated: ['update'] } });
      expect(col('handle')).toEqual({ name: 'handle', type: 'character varying(20)', notNull: false, collation: 'pg_catalog."C"' });
      expect(col('mood')?.default).toBe("'ok'::public.mood");
      expect(col('balance')).toMatchObject({ type: 'numeric(12,2)', default: '0.00' });
      expect(col('tags')).toMatchObject({ type: 'text[]', default: "'{}'::text[]" });
      expect(col('settings')?.default).toBe(`'{"n": 3, "tags": [null, true], "theme": "dark"}'::jsonb`);
      expect(col('handle_lower')).toEqual({ name: 'handle_lower', type: 'text', notNull: false, generated: 'lower((handle)::text)' });
      expect(accounts.comment).toBe('People who sign in');
      expect(accounts.rls).toBe(true);
      expect(accounts.forceRls).toBe(true);
      expect(accounts.grants).toEqual({ authenticated: ['select', 'insert'] });
      expect(accounts.constraints['accounts_pkey']).toMatchObject({ kind: 'primary_key', columns: ['id'] });
      expect(accounts.constraints['accounts_email_key']).toMatchObject({ kind: 'unique', columns: ['email'] });
      expect(accounts.constraints['accounts_balance_nonnegative']).toMatchObject({
        kind: 'check', check: 'balance >= 0::numeric', validated: true,
      });
      expect(accounts.policies['accounts_read']).toEqual({
        name: 'accounts_read', command: 'select', permissive: true, roles: ['public'], using: 'true', comment: 'Everyone reads',
      });
      expect(accounts.policies['accounts_write']).toEqual({
        name: 'accounts_write', command: 'update', permissive: false, roles: ['anon', 'authenticated'],
        using: 'id > 0', check: 'balance >= 0::numeric',
      });
      expect(accounts.policies['accounts_ins']).toMatchObject({ command: 'insert', roles: ['service_role'], check: 'true' });
      expect(accounts.triggers['accounts_touch']).toMatchObject({
        timing: 'before', events: ['insert', 'update'], updateOf: ['handle', 'mood'], forEach: 'row',
        when: 'new.handle IS NOT NULL', function: 'public.touch', args: [], enabled: true, comment: 'Keep created_at fresh',
      });
      expect(accounts.triggers['accounts_audit']).toMatchObject({
        timing: 'after', events: ['delete', 'truncate'], forEach: 'statement', args: ['a', 'b c'],
      });

      const invoices = c.tables['public.invoices']!;
      expect(invoices.constraints['invoices_account_id_fkey']?.foreignKey).toEqual({
        table: 'public.accounts', columns: ['id'], onDelete: 'cascade', onUpdate: 'restrict', match: 'simple',
      });
      expect(invoices.constraints['invoices_account_seq_key']?.columns).toEqual(['account_id', 'seq_no']);
      expect(invoices.indexes['invoices_account_idx']).toMatchObject({
        method: 'btree', keys: ['account_id DESC NULLS LAST'], include: ['total'], where: 'total > 0::numeric', unique: false,
      });
      expect(invoices.indexes['invoices_note_lower']).toMatchObject({ keys: ['lower(note) text_pattern_ops'], comment: 'For prefix search' });
      expect(invoices.indexes['invoices_total_note']).toMatchObject({ unique: true, nullsNotDistinct: true, keys: ['total', 'note'] });
      expect(Object.keys(invoices.indexes).sort()).toEqual(['invoices_account_idx', 'invoices_note_lower', 'invoices_total_note']);
      expect(invoices.grants['service_role']).toEqual(['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger']);

      const lines = c.tables['public.invoice_lines']!;
      expect(lines.constraints['invoice_lines_pkey']?.columns).toEqual(['invoice_id', 'line_no']);
      expect(lines.constraints['invoice_lines_invoice_fkey']).toMatchObject({
        deferrable: true, initiallyDeferred: true, foreignKey: { match: 'simple', onDelete: 'set null', onUpdate: 'no action' },
      });
      const bookings = c.tables['public.bookings']!;
      expect(bookings.constraints['bookings_no_overlap']).toMatchObject({ kind: 'exclusion', columns: ['during'], definition: 'EXCLUDE USING gist (during WITH &&)' });
      expect(bookings.constraints['bookings_invoice_fkey']?.foreignKey).toMatchObject({ match: 'full', onDelete: 'cascade' });
      expect(bookings.constraints['bookings_id_positive']).toMatchObject({ kind: 'check', check: 'id > 0', comment: 'Positive ids' });

      expect(c.tables['app.events']).toMatchObject({ kind: 'partitioned', partitionBy: 'RANGE (happened_at)' });
      expect(c.tables['app.events_2024']?.partitionOf).toEqual({
        parent: 'app.events', bound: "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')",
      });
      expect(c.tables['app.events_default']?.partitionOf).toEqual({ parent: 'app.events', bound: 'DEFAULT' });
      // The parent's index is the parent's; its per-partition copies are not listed again.
      expect(Object.keys(c.tables['app.events_2024']!.indexes)).toEqual([]);

      expect(c.functions['public.add(a integer, b integer)']).toMatchObject({
        kind: 'function', args: 'a integer, b integer DEFAULT 1', returns: 'integer', language: 'sql',
        volatility: 'immutable', strict: true, security: 'invoker', comment: 'Adds',
      });
      expect(c.functions['app.secret()']).toMatchObject({
        security: 'definer', volatility: 'stable', config: ['search_path=app, pg_temp'], grants: { service_role: ['execute'] },
      });
      expect(c.functions['public.bump(IN n integer)']).toMatchObject({ kind: 'procedure' });
      expect(c.functions['public.bump(IN n integer)']?.returns).toBeUndefined();

      expect(c.views['public.rich_accounts']).toMatchObject({
        materialized: false, options: ['security_invoker=true'], columns: ['id', 'email'],
        grants: { authenticated: ['select'] }, comment: 'Accounts with money',
      });
      expect(c.views['app.event_counts']).toMatchObject({ materialized: true, columns: ['status', 'n'] });
      expect(Object.keys(c.views['app.event_counts']!.indexes)).toEqual(['event_counts_status_idx']);
    } finally {
      await t.drop();
    }
  });

  it('keeps awkward names exactly: quotes, spaces, case, reserved words, unicode', async () => {
    const t = await freshDatabase('cat');
    try {
      await loadCorpus(t.db, 'awkward-names.sql');
      const c = await introspectScope(t.db, ['My Schema', 'public']);
      const items = c.tables['My Schema.Order Items']!;
      expect(items.columns.map((x) => x.name)).toEqual(['ID', 'select', 'user', 'a"b', 'Colour', 'naïve café', 'col.with.dots', 'from']);
      expect(items.columns[4]).toMatchObject({ type: '"My Schema"."Colour"', default: `'Red'::"My Schema"."Colour"` });
      expect(items.indexes['Order Items By Select']?.keys).toEqual(['"select" DESC', '"user"']);
      expect(c.enums['My Schema.Colour']?.values).toEqual(['Red', "green's", 'blue "b"', 'ünï']);
      expect(c.tables['public.Table']?.constraints['Table_group_fkey']?.foreignKey?.table).toBe('My Schema.Order Items');
      expect(Object.keys(c.tables['public.Table']!.policies)).toEqual(['Anyone can read "it"']);
      expect(c.tables['public.日本語']?.constraints['日本語_check']?.check).toBe(`"名前" <> ''::text`);
      expect(Object.keys(c.functions)).toEqual(['public.Do Thing("in put" text)', 'public.valueOf()']);
      // Names every JavaScript object has as properties are ordinary keys.
      const proto = c.tables['public.__proto__']!;
      expect(proto.columns.map((x) => x.name)).toEqual(['__proto__', 'constructor', 'toString', 'valueOf']);
      expect(Object.keys(proto.constraints)).toEqual(['__proto___pkey', '__proto___valueOf_fkey', 'constructor', 'hasOwnProperty']);
      expect(Object.keys(proto.indexes)).toEqual(['toString']);
      expect(Object.keys(proto.policies)).toEqual(['__proto__', 'constructor']);
      expect(Object.keys(proto.triggers)).toEqual(['__proto__']);
      expect(Object.keys(c.tables['public.constructor']!.triggers)).toEqual(['isPrototypeOf']);
    } finally {
      await t.drop();
    }
  });

  it('gives byte-identical JSON for two databases built from the same SQL', async () => {
    const [a, b] = await Promise.all([freshDatabase('cat'), freshDatabase('cat')]);
    try {
      // Other print settings on the second database (its connections open after this) must not change the JSON.
      await a.db.exec(`ALTER DATABASE ${b.name} SET TimeZone = 'America/New_York'; ALTER DATABASE ${b.name} SET DateStyle = 'German';
        ALTER DATABASE ${b.name} SET extra_float_digits = 3; ALTER DATABASE ${b.name} SET IntervalStyle = 'sql_standard'`);
      for (const file of ['every-kind.sql', 'supabase-app.sql', 'awkward-names.sql', 'legacy.sql']) {
        await a.db.exec('DROP SCHEMA IF EXISTS app, "My Schema" CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        await b.db.exec('DROP SCHEMA IF EXISTS app, "My Schema" CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        await loadCorpus(a.db, file, true);
        await loadCorpus(b.db, file, true);
        const schemas = ['app', 'My Schema', 'public'];
        const left = catalogJson(await introspectScope(a.db, schemas));
        const right = catalogJson(await introspectScope(b.db, schemas));
        expect(right, file).toBe(left);
        expect(left.length).toBeGreaterThan(200);
        // Read in canonical order: sorting its keys changes nothing, so the JSON as read is the canonical JSON.
        const raw = await introspect(b.db, { schemas, extensions: ['citext', 'pgcrypto'] });
        expect(JSON.stringify(raw), file).toBe(JSON.stringify(normalizeCatalog(raw)));
        expect(catalogFingerprint(raw)).toBe(catalogFingerprint(normalizeCatalog(raw)));
      }
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('reads schemas whose names hold quotes, backslashes and placeholders, whatever the string settings', async () => {
    const t = await freshDatabase('cat');
    try {
      const odd = `it's \\ $1 "odd"`;
      await t.db.exec(`ALTER DATABASE ${t.name} SET standard_conforming_strings = off`);
      const db = connect(t.url);
      try {
        await db.exec(`CREATE SCHEMA ${quoteIdent(odd)}; CREATE TABLE ${quoteIdent(odd)}.t (id int PRIMARY KEY); CREATE TABLE public.other (id int)`);
        const catalog = await introspect(db, { schemas: [odd] });
        expect(Object.keys(catalog.tables)).toEqual([`${odd}.t`]);
        expect(Object.keys(catalog.schemas)).toEqual([odd]);
      } finally {
        await db.close();
      }
    } finally {
      await t.drop();
    }
  });

  it('runs the same fixed number of queries for 2 tables and for 300', async () => {
    const t = await freshDatabase('cat');
    try {
      const table = (i: number) =>
        `CREATE TABLE t${i} (id int PRIMARY KEY, ref int REFERENCES t${i} (id), v text DEFAULT 'x' CHECK (v <> ''));
         CREATE INDEX t${i}_v ON t${i} (v); ALTER TABLE t${i} ENABLE ROW LEVEL SECURITY;
         CREATE POLICY p${i} ON t${i} USING (true);`;
      await t.db.exec(Array.from({ length: 2 }, (_, i) => table(i)).join('\n'));
      const small = countingRunner(t.db);
      const c1 = await introspect(small.runner, { schemas: ['public'] });
      expect(Object.keys(c1.tables)).toHaveLength(2);
      await t.db.exec(Array.from({ length: 298 }, (_, i) => table(i + 2)).join('\n'));
      const large = countingRunner(t.db);
      const c2 = await introspect(large.runner, { schemas: ['public'] });
      expect(Object.keys(c2.tables)).toHaveLength(300);
      expect(large.count()).toBe(small.count());
      // One per object kind, plus the statement fixing the session's print settings.
      expect(small.count()).toBe(INTROSPECTION_QUERY_COUNT + 1);
      expect(INTROSPECTION_QUERY_COUNT).toBeLessThanOrEqual(15);
    } finally {
      await t.drop();
    }
  });

  it('leaves out platform schemas, the history schema and extension-owned objects', async () => {
    const t = await freshDatabase('cat');
    try {
      await loadCorpus(t.db, 'supabase-app.sql');
      await t.db.exec(`
        CREATE SCHEMA schema_migrations;
        CREATE TABLE schema_migrations.history (version text PRIMARY KEY);
        CREATE SCHEMA IF NOT EXISTS storage; CREATE TABLE IF NOT EXISTS storage.objects (id uuid PRIMARY KEY);
        CREATE EXTENSION IF NOT EXISTS citext SCHEMA public;
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA extensions;
        CREATE SCHEMA app; CREATE TABLE app.things (id int PRIMARY KEY);`);
      const { catalog, schemas } = await pullDatabase(t.db);
      expect(schemas).toEqual(['app', 'public']);
      expect(Object.keys(catalog.schemas)).toEqual(['app', 'public']);
      const tables = Object.keys(catalog.tables);
      expect(tables).toContain('app.things');
      expect(tables.some((key) => key.startsWith('schema_migrations.') || key.startsWith('storage.') || key.startsWith('auth.'))).toBe(false);
      // citext's functions and types live in public but belong to the extension.
      expect(Object.keys(catalog.functions).sort()).toEqual(['public.handle_new_user()', 'public.update_updated_at_column()']);
      expect(Object.keys(catalog.domains)).toEqual([]);
      expect(catalog.extensions).toEqual({
        citext: { name: 'citext', schema: 'public' },
        pg_trgm: { name: 'pg_trgm', schema: 'extensions' },
      });
      // The trigger the app owns on auth.users is known, the table is not managed.
      expect(Object.keys(catalog.externalTriggers)).toEqual(['auth.users.on_auth_user_created']);
    } finally {
      await t.drop();
    }
  });
});
