/**
 * SQL in the YAML that parses but that PostgreSQL rejects (an unknown function, a column a policy
 * names that does not exist) comes back as a positioned error on the YAML line, exit 2, and no files.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let target: TestDatabase;
const dirs: string[] = [];

beforeAll(async () => {
  target = await freshDatabase('shadowerr');
  await target.db.exec(supabasePresetSql());
});

afterAll(async () => {
  await target?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function planWith(yaml: string) {
  const work = mkdtempSync(join(tmpdir(), 'schema-shadowerr-'));
  dirs.push(work);
  mkdirSync(join(work, 'schema'));
  writeFileSync(join(work, 'schema', 'app.yaml'), yaml);
  const result = await runCli(['plan'], { cwd: work, env: { DATABASE_URL: target.url } });
  return { ...result, wrote: existsSync(join(work, 'generated-migrations')) };
}

describe('PostgreSQL errors from the shadow, mapped to the YAML', () => {
  it('names the policy line when its expression uses a column the table lacks', async () => {
    // Offline, validate names a column the policy's own table lacks (it cannot know the columns a
    // subquery's tables have): the shadow's error is mapped to the policy's line.
    const r = await planWith(`tables:
  notes:
    columns:
      id: { type: uuid, primary_key: true }
      body: { type: text }
    rls: true
    grants: { authenticated: [select] }
    policies:
      notes_own:
        for: select
        to: authenticated
        using: EXISTS (SELECT 1 FROM public.notes AS n WHERE n.owner_id = auth.uid())
`);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/schema\/app\.yaml:9:\d+ error invalid-sql: PostgreSQL rejected .*notes_own.*owner_id/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.wrote).toBe(false);
  });

  it('names the table when a default calls a function that does not exist', async () => {
    const r = await planWith(`tables:
  items:
    columns:
      id: { type: uuid, primary_key: true, default: make_me_an_id() }
    rls: true
    grants: { service_role: [all] }
    policies:
      items_service: { for: all, to: service_role, using: "true" }
`);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/schema\/app\.yaml:2:\d+ error invalid-sql: PostgreSQL rejected .*make_me_an_id/);
    expect(r.wrote).toBe(false);
  });
});
