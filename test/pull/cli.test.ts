import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { adminUrl, freshDatabase } from '../helpers/db.js';
import { startPgBouncer } from '../helpers/pgbouncer.js';
import { runCli } from '../helpers/cli.js';
import { loadCorpus } from '../catalog/helpers.js';

describe('schema pull (CLI)', () => {
  it('writes one file per table, refuses a non-empty directory without --force, and honours --schemas', async () => {
    const t = await freshDatabase('pullcli');
    const cwd = mkdtempSync(join(tmpdir(), 'schema-pull-'));
    try {
      await loadCorpus(t.db, 'every-kind.sql');
      const first = await runCli(['pull', '--db', t.url, '--out', 'schema'], { cwd });
      expect(first.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Pulled 6 table\(s\) from schema\(s\) app, public/);
      for (const file of ['schemas.yaml', 'enums.yaml', 'domains.yaml', 'sequences.yaml', 'functions.yaml', 'views.yaml', 'extensions.yaml', 'tables/public.accounts.yaml', 'tables/app.events.yaml']) {
        expect(existsSync(join(cwd, 'schema', file)), file).toBe(true);
      }
      expect(readFileSync(join(cwd, 'schema', 'schemas.yaml'), 'utf8')).toBe('schemas:\n  app: { comment: Application objects }\n  public:\n');

      // What pull writes is a valid spec: validate may report checklist findings (exit 1), never invalid input (exit 2).
      const validate = await runCli(['validate', '--schema', 'schema'], { cwd });
      expect(validate.stderr + validate.stdout).not.toMatch(/invalid|malformed|unexpected error/);
      expect([0, 1]).toContain(validate.code);

      const again = await runCli(['pull', '--db', t.url, '--out', 'schema'], { cwd });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/is not empty.*--force/);

      writeFileSync(join(cwd, 'schema', 'tables', 'public.dropped.yaml'), 'tables:\n  dropped:\n    columns: {}\n');
      writeFileSync(join(cwd, 'schema', 'README.txt'), 'kept');
      const forced = await runCli(['pull', '--db', t.url, '--out', 'schema', '--schemas', 'app', '--force'], { cwd });
      expect(forced.code).toBe(0);
      expect(readFileSync(join(cwd, 'schema', 'schemas.yaml'), 'utf8')).toBe('schemas:\n  app: { comment: Application objects }\n');
      expect(existsSync(join(cwd, 'schema', 'tables', 'public.accounts.yaml'))).toBe(false);
      expect(existsSync(join(cwd, 'schema', 'tables', 'public.dropped.yaml'))).toBe(false);
      expect(existsSync(join(cwd, 'schema', 'README.txt'))).toBe(true);
      expect(existsSync(join(cwd, 'schema', 'tables', 'app.events.yaml'))).toBe(true);

      mkdirSync(join(cwd, 'empty'));
      const missing = await runCli(['pull', '--db', t.url, '--out', 'empty', '--schemas', 'nope'], { cwd });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/schema\(s\) nope do not exist/);

      const refused = await runCli(['pull', '--db', 'postgres://postgres@127.0.0.1:1/x', '--out', 'other'], { cwd });
      expect([1, 2]).toContain(refused.code);
      const errors = refused.stderr.trim().split('\n').filter((line) => line.startsWith('schema:'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/connection refused/);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await t.drop();
    }
  });

  it('takes the database from the config file only when neither --db nor DATABASE_URL names one', async () => {
    const t = await freshDatabase('pullcfg');
    const cwd = mkdtempSync(join(tmpdir(), 'schema-pull-'));
    try {
      await t.db.exec('CREATE TABLE public.from_config (id int PRIMARY KEY)');
      writeFileSync(join(cwd, 'schema.config.yaml'), `db: ${JSON.stringify(t.url)}\n`);
      const fromConfig = await runCli(['pull', '--out', 'a'], { cwd, env: { DATABASE_URL: undefined } });
      expect(fromConfig.code).toBe(0);
      expect(existsSync(join(cwd, 'a', 'tables', 'public.from_config.yaml'))).toBe(true);

      // --db and DATABASE_URL win over the config file, which is then not needed at all.
      writeFileSync(join(cwd, 'schema.config.yaml'), 'db: [unclosed\n');
      const fromFlag = await runCli(['pull', '--db', t.url, '--out', 'b'], { cwd });
      expect(fromFlag.code).toBe(0);
      const fromEnv = await runCli(['pull', '--out', 'c'], { cwd, env: { DATABASE_URL: t.url } });
      expect(fromEnv.code).toBe(0);
      expect(existsSync(join(cwd, 'c', 'tables', 'public.from_config.yaml'))).toBe(true);

      const broken = await runCli(['pull', '--out', 'd'], { cwd, env: { DATABASE_URL: undefined } });
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/^schema\.config\.yaml:2:1 error yaml-syntax: /m);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await t.drop();
    }
  });
  it('ends with one clear line and exit 1 when the connection is cut while it reads, without a crash', async () => {
    const t = await freshDatabase('pullcut');
    const cwd = mkdtempSync(join(tmpdir(), 'schema-pull-'));
    // Reading a policy's expression opens its table: the read waits while another session holds the
    // table, and its connection is cut then.
    const holder = connect(t.url, { max: 1 });
    try {
      await t.db.exec(`CREATE TABLE notes (id bigint PRIMARY KEY, owner text);
        ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own ON notes USING (owner = current_user);`);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const holding = holder.transaction(async (tx) => {
        await tx.exec('LOCK TABLE notes IN ACCESS EXCLUSIVE MODE');
        await released;
      });
      const pulling = runCli(['pull', '--db', t.url, '--out', 'schema'], { cwd, timeoutMs: 60_000 });
      let cut = false;
      for (let i = 0; i < 300 && !cut; i++) {
        const [row] = await t.db.query<{ n: number }>(
          `SELECT count(pg_catalog.pg_terminate_backend(pid))::int AS n FROM pg_catalog.pg_stat_activity
            WHERE datname = current_database() AND application_name = 'schema' AND wait_event_type = 'Lock'`,
        );
        cut = (row?.n ?? 0) > 0;
        if (!cut) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const cutAt = Date.now();
      release();
      await holding;
      const result = await pulling;
      // Not a speed figure: closing used to wait out the driver's 5 s for writes it never flushed.
      expect(Date.now() - cutAt).toBeLessThan(4000);
      expect(cut, 'the read never waited on the lock').toBe(true);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stderr).not.toMatch(/unexpected error|uncaught|TypeError/);
      const lines = result.stderr.split('\n').filter((line) => line.startsWith('schema: '));
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/connection was closed by the server|server shut down/);
      expect(lines[0]!.split('postgres://').length - 1).toBe(1);
      expect(existsSync(join(cwd, 'schema'))).toBe(false);
    } finally {
      await holder.close();
      rmSync(cwd, { recursive: true, force: true });
      await t.drop();
    }
  });
  it('pulls the same YAML through PgBouncer in transaction mode (a Supabase pooler URL) as straight from the server', async () => {
    const bouncer = await startPgBouncer(adminUrl());
    const t = await freshDatabase('pullpool');
    const cwd = mkdtempSync(join(tmpdir(), 'schema-pull-'));
    try {
      await loadCorpus(t.db, 'supabase-app.sql');
      const direct = await runCli(['pull', '--db', t.url, '--out', 'direct'], { cwd });
      const pooled = await runCli(['pull', '--db', bouncer.through(t.url), '--out', 'pooled'], { cwd });
      expect(direct.code, direct.stderr).toBe(0);
      expect(pooled.code, pooled.stderr).toBe(0);
      const files = (dir: string): Record<string, string> =>
        Object.fromEntries(
          readdirSync(join(cwd, dir), { recursive: true, encoding: 'utf8' })
            .filter((name) => name.endsWith('.yaml'))
            .sort()
            .map((name) => [name, readFileSync(join(cwd, dir, name), 'utf8')]),
        );
      const expected = files('direct');
      expect(Object.keys(expected).length).toBeGreaterThan(3);
      expect(files('pooled')).toEqual(expected);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await t.drop();
      await bouncer.stop();
    }
  });
});
