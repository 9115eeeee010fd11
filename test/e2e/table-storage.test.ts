/**
 * Storage parameters of tables (`with:`) on a table that holds rows: created, changed (SET),
 * removed (RESET), rolled back to the exact earlier reloptions, never rewriting the table, and
 * pulled back into the same YAML. Judged by pg_class.reloptions and relfilenode.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

const spec = (withClause: string): string => `tables:
  events:
    columns:
      id: { type: bigint, primary_key: true, identity: by default }
      body: { type: text }${withClause}
    rls: true
    policies: { events_read: { for: select, to: service_role, using: "true" } }
    grants: { service_role: [select] }
`;

let work: string;
let target: TestDatabase;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-storage-'));
  mkdirSync(join(work, 'schema'));
  target = await freshDatabase('storage');
  await target.db.exec("DO $$ BEGIN CREATE ROLE service_role NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });
const writeSpec = (withClause: string): void => writeFileSync(join(work, 'schema', 'events.yaml'), spec(withClause));
const state = async (): Promise<{ options: string[] | null; filenode: string }> =>
  (await target.db.query<{ options: string[] | null; filenode: string }>(`SELECT reloptions AS options, relfilenode::text AS filenode FROM pg_class WHERE oid = 'public.events'::regclass`))[0]!;

async function planAndApply(): Promise<string> {
  const plan = await cli(['plan']);
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const apply = await cli(['apply']);
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  return plan.stdout;
}

describe('table storage parameters', () => {
  it('are created with the table, then SET and RESET in place on its rows', async () => {
    writeSpec('\n    with: { fillfactor: 80, autovacuum_vacuum_scale_factor: 0.05 }');
    await planAndApply();
    expect([...(await state()).options!].sort()).toEqual(['autovacuum_vacuum_scale_factor=0.05', 'fillfactor=80']);
    await target.db.exec(`INSERT INTO events (body) SELECT 'event ' || g FROM generate_series(1, 5000) g`);
    const before = await state();

    writeSpec('\n    with: { fillfactor: 70, autovacuum_enabled: false }');
    const out = await planAndApply();
    expect(out).toMatch(/~ table public\.events storage autovacuum_enabled=false, fillfactor=70/);
    expect(out).toMatch(/~ table public\.events reset storage autovacuum_vacuum_scale_factor/);
    const after = await state();
    expect([...after.options!].sort()).toEqual(['autovacuum_enabled=false', 'fillfactor=70']);
    expect(after.filenode).toBe(before.filenode);
    expect((await cli(['plan'])).stdout).toContain('No changes');

    expect((await cli(['apply', '--rollback', '002'])).code).toBe(0);
    expect([...(await state()).options!].sort()).toEqual(['autovacuum_vacuum_scale_factor=0.05', 'fillfactor=80']);
    expect((await state()).filenode).toBe(before.filenode);
    expect((await cli(['apply'])).code).toBe(0);
    expect([...(await state()).options!].sort()).toEqual(['autovacuum_enabled=false', 'fillfactor=70']);
  });

  it('are pulled as with: and plan nothing more', async () => {
    await target.db.exec(`ALTER TABLE events SET (autovacuum_vacuum_scale_factor = '0.050')`);
    const pulled = join(work, 'pulled');
    const pull = await cli(['pull', '--out', pulled]);
    expect(pull.code, pull.stderr).toBe(0);
    const yaml = readFileSync(join(pulled, 'tables', 'public.events.yaml'), 'utf8');
    expect(yaml).toMatch(/with:.*autovacuum_enabled: ['"]?false['"]?/);
    expect(yaml).toMatch(/autovacuum_vacuum_scale_factor: ['"]0\.050['"]/);
    expect(yaml).toMatch(/fillfactor: 70/);
    const replan = await cli(['plan', '--schema', pulled, '--dry-run']);
    expect(replan.code, replan.stdout + replan.stderr).toBe(0);
    expect(replan.stdout).toContain('No changes');
  });
});
