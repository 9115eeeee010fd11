/**
 * `schema check --models DIR --types FILE`: exit 1 when the generated files on disk are stale
 * against the YAML (missing, or the YAML changed since), 0 when current; alone it needs no
 * database, with `--db` it checks the database too.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let work: string;
let target: TestDatabase;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-check-models-'));
  for (const entry of ['schema', 'generated-migrations', 'schema.config.yaml']) cpSync(join(REPO_ROOT, entry), join(work, entry), { recursive: true });
  target = await freshDatabase('check_models');
  await target.db.exec(supabasePresetSql());
});

afterAll(async () => {
  await target?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

// No DATABASE_URL: a check of generated code alone must not need one.
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: work, env });

describe('schema check --models / --types', () => {
  it('fails when nothing was generated yet, naming each missing file and the command that fixes it', async () => {
    const r = await cli(['check', '--models', 'app/models', '--types', 'web/database.types.ts']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('models: app/models is stale: 5 of 5 files differ from what the YAML generates');
    expect(r.stdout).toContain('  app/models/models.py: missing');
    expect(r.stdout).toContain('  Fix: schema generate sqlalchemy --out app/models');
    expect(r.stdout).toContain('types: web/database.types.ts is stale: 1 of 1 file differs');
    expect(r.stdout).toContain('check: FAILED (generated code is stale)');
  });

  it('passes once generated, and fails again when the YAML changes', async () => {
    expect((await cli(['generate', 'sqlalchemy', '--out', 'app/models'])).code).toBe(0);
    expect((await cli(['generate', 'typescript', '--out', 'web/database.types.ts'])).code).toBe(0);
    const ok = await cli(['check', '--models', 'app/models', '--types', 'web/database.types.ts']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('models: app/models is up to date with the YAML (5 files)');
    const file = join(work, 'schema', 'profiles.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('avatar_url:   { type: text }', 'avatar_url:   { type: text, not_null: true, default: "\'\'" }'));
    const stale = await cli(['check', '--models', 'app/models', '--types', 'web/database.types.ts']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('models: app/models is stale: 1 of 5 files differs from what the YAML generates\n  app/models/models.py: changed');
    expect(stale.stdout).toContain('  web/database.types.ts: changed');
    // A hand edit of a generated file is stale too.
    expect((await cli(['generate', 'sqlalchemy', '--out', 'app/models'])).code).toBe(0);
    writeFileSync(join(work, 'app/models/enums.py'), `${readFileSync(join(work, 'app/models/enums.py'), 'utf8')}# local edit\n`);
    const edited = await cli(['check', '--models', 'app/models']);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toContain('  app/models/enums.py: changed');
    writeFileSync(file, readFileSync(file, 'utf8').replace('avatar_url:   { type: text, not_null: true, default: "\'\'" }', 'avatar_url:   { type: text }'));
  });

  it('is an input error (exit 2, file:line:col) when the YAML is invalid', async () => {
    const file = join(work, 'schema', 'notifications.yaml');
    const yaml = readFileSync(file, 'utf8');
    writeFileSync(file, yaml.replace('is_read:           { type: boolean', 'is_read:           { type: boolean, colour: red'));
    const r = await cli(['check', '--models', 'app/models']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/schema\/notifications\.yaml:\d+:\d+ error unknown-key/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    writeFileSync(file, yaml);
  });

  it('with --db checks the database as well', async () => {
    const env = { DATABASE_URL: target.url };
    expect((await cli(['apply'], env)).code).toBe(0);
    expect((await cli(['generate', 'sqlalchemy', '--out', 'app/models'])).code).toBe(0);
    const both = await cli(['check', '--db', target.url, '--models', 'app/models']);
    expect(both.code, both.stdout + both.stderr).toBe(0);
    expect(both.stdout).toContain('models: app/models is up to date');
    expect(both.stdout).toContain('migrations: applied files match history');
    expect(both.stdout).toContain('check: ok (in sync)');
    rmSync(join(work, 'app/models/shapes.py'));
    const stale = await cli(['check', '--db', target.url, '--models', 'app/models']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('check: FAILED (generated code is stale)');
  });
});
