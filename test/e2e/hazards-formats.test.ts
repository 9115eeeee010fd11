/**
 * Hazards gate a plan: dropping a column (deletes data) is refused with the YAML position and the
 * flag that allows it; with the flag the pair is written. The markdown report opens with the
 * per-role security summary; the JSON report is machine-readable.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let work: string;
let target: TestDatabase;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-hazards-'));
  cpSync(join(REPO_ROOT, 'schema'), join(work, 'schema'), { recursive: true });
  target = await freshDatabase('hazards');
  await target.db.exec(supabasePresetSql());
  const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });
  expect((await cli(['plan', '--name', 'initial'])).code).toBe(0);
  expect((await cli(['apply'])).code).toBe(0);
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });

function edit(file: string, from: RegExp, to: string): void {
  const path = join(work, 'schema', file);
  const text = readFileSync(path, 'utf8');
  expect(from.test(text)).toBe(true);
  writeFileSync(path, text.replace(from, to));
}

describe('hazards and report formats', () => {
  it('refuses a destructive change with the YAML position and the flag that allows it', async () => {
    edit('profiles.yaml', /\n\s+avatar_url:[^\n]*/, '');
    const plan = await cli(['plan']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/schema\/profiles\.yaml:\d+:\d+ error destructive: .*avatar_url.*deletes-data/);
    expect(plan.stderr).toContain('--allow-destructive');
    expect(readdirSync(join(work, 'generated-migrations'))).toHaveLength(2);
  });

  it('writes the pair with --allow-destructive and says the rollback does not restore data', async () => {
    const plan = await cli(['plan', '--allow-destructive', '--name', 'drop avatar']);
    expect(plan.code, plan.stderr).toBe(0);
    const rollback = readFileSync(join(work, 'generated-migrations', 'rollback_002.sql'), 'utf8');
    expect(rollback).toMatch(/irreversible/i);
    expect((await cli(['apply'])).code).toBe(0);
  });

  it('opens the markdown report with the security summary', async () => {
    edit('notifications.yaml', /grants: \{ authenticated: \[select, update\]/, 'grants: { authenticated: [select]');
    const plan = await cli(['plan', '--dry-run', '--format', 'markdown']);
    expect(plan.code, plan.stderr).toBe(0);
    const security = plan.stdout.indexOf('#### Security');
    expect(security).toBeGreaterThan(0);
    expect(security).toBeLessThan(plan.stdout.indexOf('#### Changes'));
    expect(plan.stdout).toMatch(/`public\.notifications` \| `authenticated` loses update/);
  });

  it('prints JSON for machines', async () => {
    const plan = await cli(['plan', '--dry-run', '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const report = JSON.parse(plan.stdout) as { status: string; changes: { description: string }[]; forwardSql: string };
    expect(report.status).toBe('dry-run');
    expect(report.changes.some((c) => /revoke/i.test(c.description))).toBe(true);
    expect(report.forwardSql).toContain('REVOKE');
  });
});
