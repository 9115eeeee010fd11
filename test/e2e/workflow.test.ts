/**
 * The main job, as a user runs it: edit YAML, `schema plan` writes a verified pair, `schema apply`
 * runs it, the re-plan says `No changes`, `schema check` is green; a change to the YAML plans a
 * second pair, and `apply --rollback` restores the earlier schema.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect, catalogJson } from '../../src/catalog/index.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let work: string;
let target: TestDatabase;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-e2e-'));
  cpSync(join(REPO_ROOT, 'schema'), join(work, 'schema'), { recursive: true });
  target = await freshDatabase('e2e');
  await target.db.exec(supabasePresetSql()); // the target plays a Supabase project: auth schema and roles
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });

describe('plan, apply, re-plan, check, change, rollback', () => {
  it('plans the example app from an empty database and writes a numbered pair', async () => {
    const plan = await cli(['plan', '--name', 'initial']);
    expect(plan.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(plan.code, plan.stderr).toBe(0);
    const files = readdirSync(join(work, 'generated-migrations')).sort();
    expect(files).toEqual(['001_initial.sql', 'rollback_001.sql']);
    const forward = readFileSync(join(work, 'generated-migrations', '001_initial.sql'), 'utf8');
    expect(forward).toMatch(/^-- schema \S+ migration 001_initial/);
  });

  it('lints its own output clean', async () => {
    const lint = await cli(['lint', 'generated-migrations']);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  });

  it('refuses to plan again while the written pair is not applied', async () => {
    const plan = await cli(['plan']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('001_initial.sql');
    expect(plan.stderr).toContain('schema apply');
    expect(readdirSync(join(work, 'generated-migrations'))).toHaveLength(2);
  });

  it('applies the pair, then plans no changes and checks green', async () => {
    const apply = await cli(['apply']);
    expect(apply.code, apply.stderr).toBe(0);
    const again = await cli(['plan']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(readdirSync(join(work, 'generated-migrations'))).toHaveLength(2);
    const check = await cli(['check']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it('plans a change as 002, applies it, and rolls it back to the exact earlier catalog', async () => {
    const scope = { schemas: ['public'] };
    const before = catalogJson(await introspect(target.db, scope));
    const file = join(work, 'schema', 'notifications.yaml');
    const yaml = readFileSync(file, 'utf8');
    writeFileSync(file, yaml.replace(/(\n\s+)is_read:/, '$1archived_at: { type: timestamptz }$1is_read:'));
    const plan = await cli(['plan', '--name', 'archive notifications']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(readdirSync(join(work, 'generated-migrations'))).toContain('002_archive_notifications.sql');
    const apply = await cli(['apply']);
    expect(apply.code, apply.stderr).toBe(0);
    const columns = await target.db.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'notifications' AND column_name = 'archived_at'`,
    );
    expect(columns).toHaveLength(1);
    const rollback = await cli(['apply', '--rollback', '002']);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(catalogJson(await introspect(target.db, scope))).toBe(before);
    const check = await cli(['check']);
    expect(check.code).toBe(1);
  });
});
