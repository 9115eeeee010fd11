/**
 * A function declared as an auth hook is callable by supabase_auth_admin and by no API role, by
 * construction: even where Supabase's default privileges grant every new function to anon and
 * authenticated, the plan revokes them. Judged by has_function_privilege on the server.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let target: TestDatabase;
let work: string;

beforeAll(async () => {
  target = await freshDatabase('hook');
  // As on a Supabase project: new functions in public are granted to the API roles.
  await target.db.exec(`${supabasePresetSql()}
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO anon, authenticated, service_role;`);
  work = mkdtempSync(join(tmpdir(), 'schema-hook-'));
  mkdirSync(join(work, 'schema'));
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

const PRIVILEGES = `SELECT r AS role, has_function_privilege(r, 'public.custom_access_token(jsonb)', 'EXECUTE') AS execute
  FROM unnest(ARRAY['anon', 'authenticated', 'supabase_auth_admin']) r ORDER BY 1`;

describe('auth hooks', () => {
  it('get EXECUTE for supabase_auth_admin and lose it for anon, authenticated and PUBLIC', async () => {
    writeFileSync(
      join(work, 'schema', 'auth-hooks.yaml'),
      `functions:
  custom_access_token:
    hook: custom_access_token
    args: [{ name: event, type: jsonb }]
    returns: jsonb
    language: sql
    volatility: stable
    body: "SELECT jsonb_set(event, '{claims,app_role}', '\\"member\\"')"
`,
    );
    const plan = await runCli(['plan', '--db', target.url, '--name', 'hook'], { cwd: work });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const apply = await runCli(['apply', '--db', target.url], { cwd: work });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(await target.db.query(PRIVILEGES)).toEqual([
      { role: 'anon', execute: false },
      { role: 'authenticated', execute: false },
      { role: 'supabase_auth_admin', execute: true },
    ]);
    const acl = await target.db.query<{ grantee: string }>(
      `SELECT coalesce(nullif(a.grantee::regrole::text, '-'), 'public') AS grantee FROM pg_proc p, aclexplode(p.proacl) a
        WHERE p.oid = 'public.custom_access_token(jsonb)'::regprocedure AND a.grantee <> p.proowner ORDER BY 1`,
    );
    expect(acl.map((r) => r.grantee)).toEqual(['supabase_auth_admin']);
    const again = await runCli(['plan', '--db', target.url], { cwd: work });
    expect(again.stdout, again.stderr + again.stdout).toContain('No changes');
  }, 120_000);

  it('refuses a grant of a hook to an API role, at its YAML line', async () => {
    writeFileSync(
      join(work, 'schema', 'auth-hooks.yaml'),
      `functions:
  custom_access_token:
    hook: custom_access_token
    args: [{ name: event, type: jsonb }]
    returns: jsonb
    language: sql
    body: "SELECT event"
    grants: { authenticated: [execute] }
`,
    );
    const validate = await runCli(['validate'], { cwd: work });
    expect(validate.code).toBe(2);
    expect(validate.stdout + validate.stderr).toMatch(/auth-hooks\.yaml:8:\d+ error invalid-grant/);
  });
});
