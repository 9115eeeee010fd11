/**
 * The example app's checked-in migrations stay true: applied to an empty Supabase-like database
 * they produce exactly what schema/ describes (the re-plan is empty), and they pass the checklist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let target: TestDatabase;

beforeAll(async () => {
  target = await freshDatabase('example');
  await target.db.exec(supabasePresetSql());
});

afterAll(async () => {
  await target?.drop();
});

describe('generated-migrations/ of the example app', () => {
  it('pass schema lint', async () => {
    const lint = await runCli(['lint', 'generated-migrations'], { cwd: REPO_ROOT });
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  });

  it('apply cleanly and leave nothing to plan', async () => {
    const env = { DATABASE_URL: target.url };
    const apply = await runCli(['apply'], { cwd: REPO_ROOT, env });
    expect(apply.code, apply.stderr).toBe(0);
    const plan = await runCli(['plan', '--dry-run'], { cwd: REPO_ROOT, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes');
  });
});
