/**
 * One view of the files: a symlinked migration or YAML file is followed and checked like a file by
 * lint, the spec loader and the runner; a link to nothing is refused by all of them, naming it.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMigrationsDir } from '../../src/apply/index.js';
import { specFilePaths } from '../../src/spec/files.js';
import { runCli } from '../helpers/cli.js';

function tree(): { root: string; migrations: string; schema: string; elsewhere: string } {
  const root = mkdtempSync(join(tmpdir(), 'schema-links-'));
  const dirs = { migrations: join(root, 'migrations'), schema: join(root, 'schema'), elsewhere: join(root, 'elsewhere') };
  for (const dir of Object.values(dirs)) mkdirSync(dir);
  return { root, ...dirs };
}

describe('symlinked files', () => {
  it('lint checks a symlinked migration like a file', async () => {
    const { root, migrations, elsewhere } = tree();
    writeFileSync(join(elsewhere, 'shared.sql'), 'CREATE TABLE IF NOT EXISTS events (at timestamp);\n');
    symlinkSync(join(elsewhere, 'shared.sql'), join(migrations, '001_events.sql'));
    writeFileSync(join(migrations, 'rollback_001.sql'), 'DROP TABLE IF EXISTS events;\n');
    const result = await runCli(['lint', 'migrations'], { cwd: root });
    expect(result.stdout).toMatch(/migrations\/001_events\.sql:1:\d+ error timestamptz/);
    expect(result.stderr).toContain('2 files checked');
    expect(result.code).toBe(1);
    expect(readMigrationsDir(migrations).map((f) => f.file)).toEqual(['001_events.sql']);
  });

  it('the spec loader reads a symlinked YAML file', async () => {
    const { root, schema, elsewhere } = tree();
    writeFileSync(join(elsewhere, 'events.yaml'), 'tables:\n  events:\n    columns:\n      id: { type: uuid, primary_key: true }\n      at: { type: timestamp }\n');
    symlinkSync(join(elsewhere, 'events.yaml'), join(schema, 'events.yaml'));
    expect(specFilePaths(schema)).toEqual([join(schema, 'events.yaml')]);
    const result = await runCli(['validate', '--schema', 'schema'], { cwd: root });
    expect(result.stdout + result.stderr).toMatch(/schema\/events\.yaml:5:\d+ .*timestamptz/);
  });

  it('a link to nothing is refused by lint, the spec loader and the runner, naming it', async () => {
    const { root, migrations, schema } = tree();
    symlinkSync(join(root, 'gone.sql'), join(migrations, '001_gone.sql'));
    symlinkSync(join(root, 'gone.yaml'), join(schema, 'gone.yaml'));
    const lint = await runCli(['lint', 'migrations'], { cwd: root });
    expect(lint.code).toBe(2);
    expect(lint.stderr).toMatch(/001_gone\.sql: a symbolic link to .*gone\.sql, which does not exist/);
    expect(lint.stderr).not.toMatch(/\n\s+at /);
    expect(() => readMigrationsDir(migrations)).toThrow(/001_gone\.sql: a symbolic link to .*gone\.sql, which does not exist/);
    const validate = await runCli(['validate', '--schema', 'schema'], { cwd: root });
    expect(validate.code).toBe(2);
    expect(validate.stderr).toMatch(/gone\.yaml: a symbolic link to .*gone\.yaml, which does not exist/);
  });
});
