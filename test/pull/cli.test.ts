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
});
