/**
 * The apply / rollback / status / check / baseline behaviours, as a suite run twice: straight to the
 * server, and through PgBouncer in transaction mode (see apply-pgbouncer.test.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { liveStateHash, renderHeader } from '../../src/migrations/index.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { ITEMS } from './fixtures.js';
import { project, schema } from './helpers.js';

const SCOPE = { managedSchemas: ['public'], managedRoles: [], extensions: [] };

async function tables(db: Db): Promise<string[]> {
  const rows = await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  return rows.map((r) => r.t);
}

async function history(db: Db): Promise<{ version: number; name: string; checksum: string; duration_ms: number; applied_by: string }[]> {
  return db.query(`SELECT version::int AS version, name, checksum, duration_ms, applied_by FROM schema_migrations.history ORDER BY version`);
}

async function versions(db: Db): Promise<number[]> {
  return (await history(db)).map((r) => r.version);
}

export function runnerSuite(label: string, via: () => (url: string) => string): void {
  describe(`runner (${label})`, () => {
    const dbs: TestDatabase[] = [];
    const fresh = async (): Promise<{ t: TestDatabase; url: string }> => {
      const t = await freshDatabase('apply');
      dbs.push(t);
      return { t, url: via()(t.url) };
    };
    afterEach(async () => {
      await Promise.all(dbs.splice(0).map((t) => t.drop()));
    });

    it('applies pending files in order, records history, reports progress, and is a no-op the second time', async () => {
      const { t, url } = await fresh();
      const p = project(ITEMS);
      const first = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('applied 3 migrations: 001_create_items, 002_add_tags, 003_kinds');
      // A deploy log: one line per migration, in order (every statement only with --verbose).
      expect(first.stderr.trim().split('\n').map((line) => line.replace(/ in \d+ ms$/, ' in N ms'))).toEqual([
        'applied 001_create_items.sql (2 statements, 1 transaction, 1 outside a transaction) in N ms',
        'applied 002_add_tags.sql (2 statements, 1 transaction) in N ms',
        'applied 003_kinds.sql (3 statements, 1 transaction, 1 outside a transaction) in N ms',
      ]);
      expect(await tables(t.db)).toEqual(['items', 'tags']);
      const rows = await history(t.db);
      expect(rows.map((r) => [r.version, r.name])).toEqual([[1, '001_create_items'], [2, '002_add_tags'], [3, '003_kinds']]);
      const sha = createHash('sha256').update(readFileSync(join(p.dir, '002_add_tags.sql'))).digest('hex');
      expect(rows[1]!.checksum).toBe(sha);
      expect(rows[0]!.applied_by).toBe('postgres');
      expect(rows.every((r) => Number.isInteger(r.duration_ms) && r.duration_ms >= 0)).toBe(true);
      const valid = await t.db.query(`SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indisvalid AND c.relname IN ('items_name_idx', 'tags_item_idx') ORDER BY 1`);
      expect(valid).toHaveLength(2);
      const enumValues = await t.db.query<{ v: string }>(`SELECT unnest(enum_range(NULL::kind))::text AS v`);
      expect(enumValues.map((r) => r.v)).toEqual(['a', 'b']);
      // The history schema is hidden from the Data API roles.
      const exposed = await t.db.query(`SELECT 1 FROM pg_roles r WHERE r.rolname IN ('anon','authenticated') AND has_schema_privilege(r.oid, 'schema_migrations', 'USAGE')`);
      expect(exposed).toEqual([]);

      const again = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('nothing to apply: the database is up to date (3 applied)');
    });

    it('--dry-run lists what would run and changes nothing', async () => {
      const { t, url } = await fresh();
      const p = project(ITEMS);
      const dry = await schema(['apply', '--db', url, '--migrations', p.dir, '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('would apply 3 migrations');
      expect(dry.stderr).toContain('would apply 001_create_items.sql (2 statements, 1 transaction, 1 outside a transaction)');
      expect(await tables(t.db)).toEqual([]);
      expect(await t.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'schema_migrations'`)).toEqual([]);
    });

    it('--rollback NNN undoes NNN and every later migration, newest first; --only undoes NNN alone', async () => {
      const { t, url } = await fresh();
      const p = project(ITEMS);
      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);
      const dry = await schema(['apply', '--db', url, '--migrations', p.dir, '--rollback', '002', '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stderr).toContain('would roll back 2 migrations, newest first: rollback_003.sql (003_kinds), rollback_002.sql (002_add_tags)');
      expect(await versions(t.db)).toEqual([1, 2, 3]);

      const back = await schema(['apply', '--db', url, '--migrations', p.dir, '--rollback', '2', '--verbose']);
      expect(back.code).toBe(0);
      expect(back.stderr.indexOf('rolling back 003_kinds')).toBeGreaterThan(-1);
      expect(back.stderr.indexOf('rolling back 003_kinds')).toBeLessThan(back.stderr.indexOf('rolling back 002_add_tags'));
      expect(await versions(t.db)).toEqual([1]);
      expect(await tables(t.db)).toEqual(['items']);
      expect(await t.db.query(`SELECT 1 FROM pg_type WHERE typname = 'kind'`)).toEqual([]);

      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);
      const only = await schema(['apply', '--db', url, '--migrations', p.dir, '--rollback', '003', '--only']);
      expect(only.code).toBe(0);
      expect(await versions(t.db)).toEqual([1, 2]);
      const onlyMiddle = await schema(['apply', '--db', url, '--migrations', p.dir, '--rollback', '001', '--only', '--dry-run']);
      expect(onlyMiddle.stderr).toContain('WARNING --only: later migrations stay applied (002_add_tags)');

      const notApplied = await schema(['apply', '--db', url, '--migrations', p.dir, '--rollback', '003']);
      expect(notApplied.code).toBe(1);
      expect(notApplied.stderr).toContain('migration 003 is not applied');
    });

    it('status lists applied, pending, modified, missing and out-of-order migrations (text and JSON)', async () => {
      const { url } = await fresh();
      const p = project(ITEMS);
      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);
      expect((await schema(['apply', '--db', url, '--migrations', p.dir, '--rollback', '002', '--only'])).code).toBe(0);
      p.write('004_more.sql', 'CREATE TABLE IF NOT EXISTS more (id int);\n');
      p.write('rollback_004.sql', 'DROP TABLE IF EXISTS more;\n');
      p.write('001_create_items.sql', `${ITEMS['001_create_items.sql']}-- edited\n`);
      rmSync(join(p.dir, '003_kinds.sql'));
      const json = await schema(['status', '--db', url, '--migrations', p.dir, '--format', 'json'], { cwd: p.cwd });
      expect(json.code).toBe(0);
      const parsed = JSON.parse(json.stdout) as { migrations: { version: number; state: string; applied_at: string | null }[]; drift: { state: string } };
      expect(parsed.migrations.map((m) => [m.version, m.state])).toEqual([
        [1, 'modified'],
        [2, 'out of order'],
        [3, 'missing'],
        [4, 'pending'],
      ]);
      expect(parsed.migrations[0]!.applied_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(parsed.migrations[3]!.applied_at).toBeNull();
      expect(parsed.drift.state).toBe('no-schema');
      const text = await schema(['status', '--db', url, '--migrations', p.dir], { cwd: p.cwd });
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^version\s+name\s+state\s+applied at\s+duration/m);
      expect(text.stdout).toMatch(/^002\s+002_add_tags\s+out of order\s+-\s+-$/m);
      expect(text.stdout).toContain('1 modified, 1 out of order, 1 missing, 1 pending');
    });

    it('checksums rollback files at apply: an edited or deleted rollback is reported by status and check and refused by apply and apply --rollback', async () => {
      const { t, url } = await fresh();
      const p = project({ '001_create_items.sql': ITEMS['001_create_items.sql'], 'rollback_001.sql': ITEMS['rollback_001.sql'] });
      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);
      const recorded = await t.db.query<{ rollback_checksum: string }>(`SELECT rollback_checksum FROM schema_migrations.history WHERE version = 1`);
      expect(recorded[0]!.rollback_checksum).toBe(createHash('sha256').update(readFileSync(join(p.dir, 'rollback_001.sql'))).digest('hex'));

      p.write('rollback_001.sql', `${ITEMS['rollback_001.sql']}DROP TABLE IF EXISTS unrelated;\n`);
      const status = await schema(['status', '--db', url, '--migrations', p.dir], { cwd: p.cwd });
      expect(status.code).toBe(0);
      expect(status.stdout).toContain('rollback_001.sql: changed since 001_create_items was applied (checksum differs)');
      const json = JSON.parse((await schema(['status', '--db', url, '--migrations', p.dir, '--format', 'json'], { cwd: p.cwd })).stdout) as {
        migrations: { rollback_state: string | null }[];
      };
      expect(json.migrations[0]!.rollback_state).toBe('changed');
      const check = await schema(['check', '--db', url, '--migrations', p.dir], { cwd: p.cwd });
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('rollback_001.sql: changed since 001_create_items was applied');

      p.write('002_more.sql', 'CREATE TABLE IF NOT EXISTS more (id int);\n');
      p.write('rollback_002.sql', 'DROP TABLE IF EXISTS more;\n');
      const apply = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(apply.code).toBe(1);
      expect(apply.stderr).toContain('rollback_001.sql: changed since 001_create_items was applied');
      expect(await versions(t.db)).toEqual([1]);

      const rollback = await schema(['apply', '--db', url, '--migrations', p.dir, '--rollback', '001']);
      expect(rollback.code).toBe(1);
      expect(rollback.stderr).toContain('rollback_001.sql: changed since 001_create_items was applied (checksum differs)');
      expect(await tables(t.db)).toEqual(['items']);

      rmSync(join(p.dir, 'rollback_001.sql'));
      const gone = await schema(['status', '--db', url, '--migrations', p.dir], { cwd: p.cwd });
      expect(gone.stdout).toContain('rollback_001.sql: was recorded when 001_create_items was applied, and the file is gone');

      p.write('rollback_001.sql', ITEMS['rollback_001.sql']);
      const restored = await schema(['status', '--db', url, '--migrations', p.dir], { cwd: p.cwd });
      expect(restored.stdout).not.toContain('rollback_001.sql:');
      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);
      expect((await schema(['apply', '--db', url, '--migrations', p.dir, '--rollback', '001'])).code).toBe(0);
      expect(await versions(t.db)).toEqual([]);
    });

    it('reads a history table from before rollback checksums: rows recorded then are not checked, and the column is added', async () => {
      const { t, url } = await fresh();
      const p = project({ '001_create_items.sql': ITEMS['001_create_items.sql'], 'rollback_001.sql': ITEMS['rollback_001.sql'] });
      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);
      await t.db.exec(`ALTER TABLE schema_migrations.history DROP COLUMN rollback_checksum`);
      p.write('rollback_001.sql', `${ITEMS['rollback_001.sql']}-- edited before checksums were kept\n`);
      const status = await schema(['status', '--db', url, '--migrations', p.dir], { cwd: p.cwd });
      expect(status.code).toBe(0);
      expect(status.stdout).not.toContain('rollback_001.sql:');
      p.write('002_more.sql', 'CREATE TABLE IF NOT EXISTS more (id int);\n');
      p.write('rollback_002.sql', 'DROP TABLE IF EXISTS more;\n');
      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);
      const rows = await t.db.query<{ version: number; rollback_checksum: string | null }>(`SELECT version::int AS version, rollback_checksum FROM schema_migrations.history ORDER BY 1`);
      expect(rows.map((r) => [r.version, r.rollback_checksum === null])).toEqual([[1, true], [2, false]]);
      expect((await schema(['apply', '--db', url, '--migrations', p.dir, '--rollback', '001'])).code).toBe(0);
    });

    it('refuses a changed or vanished applied file, out-of-order files and a missing rollback; flags override', async () => {
      const { t, url } = await fresh();
      const p = project({ '001_create_items.sql': ITEMS['001_create_items.sql'], 'rollback_001.sql': ITEMS['rollback_001.sql'] });
      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);

      p.write('001_create_items.sql', ITEMS['001_create_items.sql'].replace('name text', 'name varchar'));
      const modified = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(modified.code).toBe(1);
      expect(modified.stderr).toMatch(/001_create_items\.sql: was applied, and its content has changed/);
      p.write('001_create_items.sql', ITEMS['001_create_items.sql']);

      p.write('003_kinds.sql', 'CREATE TABLE IF NOT EXISTS k3 (id int);\n');
      p.write('rollback_003.sql', 'DROP TABLE IF EXISTS k3;\n');
      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);
      p.write('002_add_tags.sql', ITEMS['002_add_tags.sql']);
      p.write('rollback_002.sql', ITEMS['rollback_002.sql']);
      const outOfOrder = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(outOfOrder.code).toBe(1);
      expect(outOfOrder.stderr).toContain('002_add_tags.sql: is pending but numbered below the applied 003');
      expect(await versions(t.db)).toEqual([1, 3]);
      const allowed = await schema(['apply', '--db', url, '--migrations', p.dir, '--allow-out-of-order']);
      expect(allowed.code).toBe(0);
      expect(await versions(t.db)).toEqual([1, 2, 3]);

      p.write('004_no_rollback.sql', 'CREATE TABLE IF NOT EXISTS k4 (id int);\n');
      const noRollback = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(noRollback.code).toBe(1);
      expect(noRollback.stderr).toContain('004_no_rollback.sql: has no rollback file (rollback_004.sql)');
      const forced = await schema(['apply', '--db', url, '--migrations', p.dir, '--force']);
      expect(forced.code).toBe(0);
      expect(forced.stderr).toContain('WARNING --force');
      expect(await versions(t.db)).toEqual([1, 2, 3, 4]);

      rmSync(join(p.dir, '003_kinds.sql'));
      const vanished = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(vanished.code).toBe(1);
      expect(vanished.stderr).toContain('003_kinds.sql: was applied (version 3) but the file is gone');
    });

    it('refuses a generated file whose pre-state no longer matches the database, unless --force', async () => {
      const { t, url } = await fresh();
      const pre = await liveStateHash(t.db, SCOPE);
      const header = renderHeader({ tool: '0.1.0', kind: 'migration', name: '001_widgets', preState: pre, postState: 'sha256:unknown', ...SCOPE, hazards: [] });
      const p = project({
        '001_widgets.sql': `${header}\n\nBEGIN;\nCREATE TABLE IF NOT EXISTS widgets (id int);\nCOMMIT;\n`,
        'rollback_001.sql': 'DROP TABLE IF EXISTS widgets;\n',
      });
      await t.db.exec('CREATE TABLE intruder (id int)');
      const refused = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('001_widgets.sql: the database no longer matches the state this file was planned against');
      expect(await tables(t.db)).toEqual(['intruder']);
      await t.db.exec('DROP TABLE intruder');
      const ok = await schema(['apply', '--db', url, '--migrations', p.dir, '--dry-run']);
      expect(ok.code).toBe(0);
      await t.db.exec('CREATE TABLE intruder (id int)');
      const forced = await schema(['apply', '--db', url, '--migrations', p.dir, '--force']);
      expect(forced.code).toBe(0);
      expect(forced.stderr).toContain('WARNING --force: 001_widgets.sql: the database no longer matches');
      expect(await tables(t.db)).toEqual(['intruder', 'widgets']);
    });

    it('resumes a generated file interrupted half-way instead of refusing its changed pre-state', async () => {
      const { t, url } = await fresh();
      const pre = await liveStateHash(t.db, SCOPE);
      const header = renderHeader({ tool: '0.1.0', kind: 'migration', name: '001_two_steps', preState: pre, postState: 'sha256:later', ...SCOPE, hazards: [] });
      const text = `${header}\n\nBEGIN;\nCREATE TABLE IF NOT EXISTS first_step (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS first_step_id ON first_step (id);\nBEGIN;\nCREATE TABLE IF NOT EXISTS second_step (id int);\nCOMMIT;\n`;
      const p = project({ '001_two_steps.sql': text, 'rollback_001.sql': 'DROP TABLE IF EXISTS first_step, second_step;\n' });
      // The first transaction ran, then the applier died.
      await t.db.exec('CREATE TABLE first_step (id int)');
      const refused = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('no longer matches');
      await t.db.query(`UPDATE schema_migrations.lease SET in_progress = $1`, [`apply:1:${createHash('sha256').update(text).digest('hex')}`]);
      const resumed = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toContain('001_two_steps.sql: resuming after an interrupted run');
      expect(await tables(t.db)).toEqual(['first_step', 'second_step']);
      expect(await t.db.query(`SELECT in_progress FROM schema_migrations.lease`)).toEqual([{ in_progress: null }]);
    });

    it('a failing statement exits 1 with file:line, the statement and the server message, detail and hint', async () => {
      const { t, url } = await fresh();
      const p = project({
        '001_create_items.sql': ITEMS['001_create_items.sql'],
        'rollback_001.sql': ITEMS['rollback_001.sql'],
        '002_bad.sql': `BEGIN;\nCREATE TABLE IF NOT EXISTS partial (id int);\nINSERT INTO items (id, name) VALUES (1, 'a');\nINSERT INTO items (id, name)\n  VALUES (1, 'b');\nCOMMIT;\n`,
        'rollback_002.sql': 'DROP TABLE IF EXISTS partial;\n',
      });
      const failed = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('002_bad.sql:4: statement failed: duplicate key value violates unique constraint "items_pkey" [23505]');
      expect(failed.stderr).toContain('detail: Key (id)=(1) already exists.');
      expect(failed.stderr).toContain("VALUES (1, 'b')");
      expect(failed.stderr).toContain('the transaction starting at line 1 was rolled back');
      expect(await versions(t.db)).toEqual([1]);
      expect(await tables(t.db)).toEqual(['items']);

      p.write('002_bad.sql', 'CREATE TABLE IF NOT EXISTS partial (id int);\nSELECT no_such_function(1);\n');
      const hinted = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(hinted.code).toBe(1);
      expect(hinted.stderr).toContain('002_bad.sql:2: statement failed: function no_such_function(integer) does not exist');
      expect(hinted.stderr).toMatch(/hint: No function matches the given name and argument types/);
      expect(await tables(t.db)).toEqual(['items']);

      p.write('002_bad.sql', 'BEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS x ON items (name);\nCOMMIT;\n');
      const structure = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(structure.code).toBe(2);
      expect(structure.stderr).toContain('002_bad.sql:2:1: CREATE INDEX CONCURRENTLY IF cannot run inside a transaction block (opened at line 1)');
    });

    it('starts each transaction with SET LOCAL timeouts; a held lock times out, is retried, then reported', async () => {
      const { t, url } = await fresh();
      const p = project({
        '001_check_settings.sql': `CREATE TABLE IF NOT EXISTS locked (id int);
DO $$ BEGIN
  IF current_setting('lock_timeout') <> '1234ms' OR current_setting('statement_timeout') <> '7s' THEN
    RAISE EXCEPTION 'timeouts not set: % %', current_setting('lock_timeout'), current_setting('statement_timeout');
  END IF;
END $$;
`,
        'rollback_001.sql': 'DROP TABLE IF EXISTS locked;\n',
      });
      const ok = await schema(['apply', '--db', url, '--migrations', p.dir, '--lock-timeout', '1234ms', '--statement-timeout', '7s']);
      expect(ok.stderr).not.toContain('timeouts not set');
      expect(ok.code).toBe(0);
      // The session's own settings are untouched (SET LOCAL, never SET).
      p.write('002_alter_locked.sql', 'ALTER TABLE locked ADD COLUMN IF NOT EXISTS note text;\n');
      p.write('rollback_002.sql', 'ALTER TABLE locked DROP COLUMN IF EXISTS note;\n');
      const holder = await t.db.transaction(async (tx) => {
        await tx.exec('LOCK TABLE locked IN ACCESS SHARE MODE');
        return schema(['apply', '--db', url, '--migrations', p.dir, '--lock-timeout', '100ms', '--lock-retries', '3']);
      });
      expect(holder.code).toBe(1);
      expect(holder.stderr).toContain('002_alter_locked.sql:1: lock_timeout; retry 1/3');
      expect(holder.stderr).toContain('002_alter_locked.sql:1: statement failed: canceling statement due to lock timeout [55P03]');
      expect(await versions(t.db)).toEqual([1]);
      const after = await schema(['apply', '--db', url, '--migrations', p.dir, '--lock-timeout', '100ms']);
      expect(after.code).toBe(0);
      expect(await versions(t.db)).toEqual([1, 2]);
    });

    it('drops an INVALID index left by a failed concurrent build and builds it again', async () => {
      const { t, url } = await fresh();
      await t.db.exec(`CREATE TABLE people (email text); INSERT INTO people VALUES ('a'), ('a')`);
      await expect(t.db.exec('CREATE UNIQUE INDEX CONCURRENTLY people_email_key ON people (email)')).rejects.toThrow();
      const invalid = await t.db.query(`SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'people_email_key' AND NOT i.indisvalid`);
      expect(invalid).toHaveLength(1);
      await t.db.exec(`DELETE FROM people WHERE ctid = (SELECT max(ctid) FROM people)`);
      const p = project({
        '001_unique_email.sql': 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS people_email_key ON people (email);\n',
        'rollback_001.sql': 'DROP INDEX CONCURRENTLY IF EXISTS people_email_key;\n',
      });
      const applied = await schema(['apply', '--db', url, '--migrations', p.dir]);
      expect(applied.code).toBe(0);
      expect(applied.stderr).toContain('DROP INDEX CONCURRENTLY IF EXISTS public.people_email_key -- INVALID leftover');
      const valid = await t.db.query(`SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'people_email_key' AND i.indisvalid`);
      expect(valid).toHaveLength(1);
    });

    it('baseline records files as applied without running them, after checking the post-state', async () => {
      const { t, url } = await fresh();
      await t.db.exec('CREATE TABLE legacy (id int)');
      const post = await liveStateHash(t.db, SCOPE);
      const header = (name: string, postState: string): string =>
        renderHeader({ tool: '0.1.0', kind: 'migration', name, preState: 'sha256:old', postState, ...SCOPE, hazards: [] });
      const p = project({
        '001_legacy.sql': 'CREATE TABLE IF NOT EXISTS legacy (id int);\n',
        'rollback_001.sql': 'DROP TABLE IF EXISTS legacy;\n',
        '002_generated.sql': `${header('002_generated', 'sha256:not-this-database')}\n\nCREATE TABLE IF NOT EXISTS never_run (id int);\n`,
        'rollback_002.sql': 'DROP TABLE IF EXISTS never_run;\n',
      });
      const refused = await schema(['baseline', '--db', url, '--migrations', p.dir, '--through', '002']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('002_generated.sql: the database does not match this file\'s post-state');
      expect(await t.db.query(`SELECT 1 FROM schema_migrations.history`)).toEqual([]);

      const hand = await schema(['baseline', '--db', url, '--migrations', p.dir, '--through', '1']);
      expect(hand.code).toBe(0);
      expect(hand.stdout).toContain('baseline: recorded 1 migration as applied: 001_legacy');
      p.write('002_generated.sql', `${header('002_generated', post)}\n\nCREATE TABLE IF NOT EXISTS never_run (id int);\n`);
      const matched = await schema(['baseline', '--db', url, '--migrations', p.dir, '--through', '002']);
      expect(matched.code).toBe(0);
      expect(matched.stdout).toContain('recorded 1 migration as applied: 002_generated (1 already recorded)');
      expect(await versions(t.db)).toEqual([1, 2]);
      expect(await tables(t.db)).toEqual(['legacy']);
      const status = await schema(['status', '--db', url, '--migrations', p.dir, '--format', 'json', '--no-drift']);
      expect((JSON.parse(status.stdout) as { migrations: { state: string }[] }).migrations.map((m) => m.state)).toEqual(['applied', 'applied']);
      const missing = await schema(['baseline', '--db', url, '--migrations', p.dir, '--through', '9']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('no migration numbered 009');
    });

    it('check exits 0 when in sync and 1 naming an applied file that changed', async () => {
      const { url } = await fresh();
      const p = project(ITEMS);
      expect((await schema(['apply', '--db', url, '--migrations', p.dir])).code).toBe(0);
      const ok = await schema(['check', '--db', url, '--migrations', p.dir], { cwd: p.cwd });
      expect(ok.stdout).toContain('check: ok');
      expect(ok.code).toBe(0);
      p.write('002_add_tags.sql', `${ITEMS['002_add_tags.sql']}-- changed after apply\n`);
      const changed = await schema(['check', '--db', url, '--migrations', p.dir], { cwd: p.cwd });
      expect(changed.code).toBe(1);
      expect(changed.stdout).toContain('002_add_tags.sql: applied, but the file changed since (checksum differs)');
      expect(changed.stdout).toContain('check: FAILED');
    });
  });
}
