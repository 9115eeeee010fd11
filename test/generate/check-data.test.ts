/**
 * `schema check --data` on tables with thousands of rows: counts the rows of each shaped column that
 * do not match its shape (batched by primary key, or by ctid without one), names a few example keys
 * with the problem's path, never prints a value, and passes once the rows are fixed. The counts are
 * judged against the server's own count of the same rows.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let work: string;
let target: TestDatabase;
const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-check-data-'));
  cpSync(join(import.meta.dirname, 'data-fixture'), work, { recursive: true });
  target = await freshDatabase('check_data');
  await target.db.exec(supabasePresetSql());
  const plan = await cli(['plan', '--name', 'docs']);
  expect(plan.code, plan.stderr).toBe(0);
  const apply = await cli(['apply']);
  expect(apply.code, apply.stderr).toBe(0);
  // 3,000 docs: every 500th lacks its title, every 700th has pages as a string holding a secret.
  await target.db.exec(`
    INSERT INTO app.docs (body)
    SELECT CASE WHEN g % 500 = 0 THEN '{"pages": 3}'::jsonb
                WHEN g % 700 = 0 THEN jsonb_build_object('title', 't', 'pages', 's3cr3t-value')
                ELSE jsonb_build_object('title', 'doc ' || g, 'pages', g) END
    FROM generate_series(1, 3000) AS g;
    INSERT INTO app.logs (entries)
    SELECT CASE WHEN g % 400 = 0 THEN '[{"at": "now", "extra": "s3cr3t-value"}]'::jsonb
                WHEN g % 3 = 0 THEN NULL
                ELSE jsonb_build_array(jsonb_build_object('at', 'now', 'level', 'info')) END
    FROM generate_series(1, 2000) AS g;`);
});

afterAll(async () => {
  await target?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('schema check --data', () => {
  it('counts non-matching rows per shaped column, with example keys and no values', async () => {
    const [server] = await target.db.query<{ docs: number; logs: number; total_logs: number }>(`
      SELECT (SELECT count(*)::int FROM app.docs WHERE NOT body ? 'title' OR jsonb_typeof(body -> 'pages') <> 'number') AS docs,
             (SELECT count(*)::int FROM app.logs WHERE entries @> '[{"extra": "s3cr3t-value"}]') AS logs,
             (SELECT count(*)::int FROM app.logs) AS total_logs`);
    expect(server).toEqual({ docs: 10, logs: 5, total_logs: 2000 });
    const r = await cli(['check', '--data']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(`data: app.docs.body: ${server!.docs} of 3000 rows do not match the shape`);
    expect(r.stdout).toContain(`data: app.logs.entries: ${server!.logs} of 2000 rows do not match the shape`);
    expect(r.stdout).toMatch(/\n {2}id=500: \(value\) must have required property 'title'\n {2}id=700: \/pages must be integer\n {2}id=1000: /);
    expect(r.stdout).toMatch(/\n {2}ctid=\(\d+,\d+\): \/0 must NOT have additional properties/);
    expect(r.stdout).not.toContain('s3cr3t');
    expect(r.stdout).toContain('check: FAILED (rows do not match their JSONB shapes)');
  });

  it('passes once the rows are fixed', async () => {
    await target.db.exec(`
      UPDATE app.docs SET body = jsonb_build_object('title', 'fixed', 'pages', 1) WHERE NOT body ? 'title' OR jsonb_typeof(body -> 'pages') <> 'number';
      UPDATE app.logs SET entries = '[{"at": "now"}]' WHERE entries @> '[{"extra": "s3cr3t-value"}]';`);
    const r = await cli(['check', '--data']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('data: app.docs.body: all 3000 rows match the shape');
    expect(r.stdout).toContain('data: app.logs.entries: all 2000 rows match the shape');
    expect(r.stdout).toContain('check: ok (in sync)');
  });
});
