import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/db.js';
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
});
