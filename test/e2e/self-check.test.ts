/**
 * The plan's self-check refuses generated SQL that breaks a checklist rule (a planner bug), but a
 * warning the spec itself carries (and reports on its YAML line) does not stop the plan.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let target: TestDatabase;
let work: string;

beforeAll(async () => {
  target = await freshDatabase('selfcheck');
  await target.db.exec(supabasePresetSql());
  work = mkdtempSync(join(tmpdir(), 'schema-selfcheck-'));
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('self-check of generated SQL', () => {
  it('plans a spec whose own shape carries checklist warnings', async () => {
    mkdirSync(join(work, 'schema'));
    writeFileSync(
      join(work, 'schema', 'app.yaml'),
      `tables:
  events:
    columns:
      id: { type: uuid, primary_key: true }
      payload: { type: jsonb }
    rls: true
    grants: { service_role: [all] }
    policies:
      events_service: { for: all, to: service_role, using: "true" }
`,
    );
    const plan = await runCli(['plan', '--name', 'events'], { cwd: work, env: { DATABASE_URL: target.url } });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/schema\/app\.yaml:\d+:\d+ warning jsonb-default/);
    expect(existsSync(join(work, 'generated-migrations', '001_events.sql'))).toBe(true);
  });
});
