/**
 * A project that keeps its YAML next to a Supabase CLI project: migrations in supabase/migrations,
 * named by UTC timestamp (YYYYMMDDHHMMSS_name.sql), the first of them applied by the Supabase CLI
 * before the tool was adopted. baseline records it, plan numbers its files as timestamps after it,
 * lint accepts the gaps, apply, status and rollback work with versions that do not fit an integer.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

const INIT = `create table public.legacy (id bigint primary key, note text);
alter table public.legacy enable row level security;
`;

const YAML = (extra: string): string => `tables:
  legacy:
    columns:
      id: { type: bigint, primary_key: true }
      note: { type: text }
    rls: true
    waive: { rls-required: "read by the server only, never through the Data API" }
${extra}`;

const NOTES = `  notes:
    columns:
      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
      body: { type: text, not_null: true }
    rls: true
    waive: { rls-required: "read by the server only, never through the Data API" }
`;

let work: string;
let target: TestDatabase;
const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });
const migrations = (): string[] => readdirSync(join(work, 'supabase', 'migrations')).sort();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-supabase-layout-'));
  mkdirSync(join(work, 'supabase', 'migrations'), { recursive: true });
  mkdirSync(join(work, 'schema'));
  writeFileSync(join(work, 'supabase', 'config.toml'), 'project_id = "app"\n');
  writeFileSync(join(work, 'supabase', 'migrations', '20240101000000_init.sql'), INIT);
  writeFileSync(join(work, 'schema.config.yaml'), 'migrations: supabase/migrations\n');
  writeFileSync(join(work, 'schema', 'tables.yaml'), YAML(''));
  target = await freshDatabase('sb_layout');
  await target.db.exec(supabasePresetSql());
  // What `supabase db push` did before the tool was adopted.
  await target.db.exec(INIT);
  await target.db.exec(`INSERT INTO public.legacy SELECT g, 'n' || g FROM generate_series(1, 2000) g`);
});

afterAll(async () => {
  await target?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a Supabase CLI layout (supabase/migrations, timestamp versions)', () => {
  it('baselines the CLI-applied file, plans timestamped pairs after it, applies, reports and rolls back', async () => {
    const baseline = await cli(['baseline', '--through', '20240101000000']);
    expect(baseline.code, baseline.stderr).toBe(0);
    expect((await cli(['plan', '--dry-run'])).stdout).toContain('No changes');

    writeFileSync(join(work, 'schema', 'tables.yaml'), YAML(NOTES));
    const plan = await cli(['plan']);
    expect(plan.code, plan.stderr).toBe(0);
    const written = migrations().filter((f) => f !== '20240101000000_init.sql');
    expect(written).toHaveLength(2);
    const forward = written.find((f) => !f.startsWith('rollback_'))!;
    const version = forward.slice(0, 14);
    expect(forward).toMatch(/^\d{14}_create_notes\.sql$/);
    expect(Number(version)).toBeGreaterThan(20240101000000);
    expect(written).toContain(`rollback_${version}.sql`);

    const lint = await cli(['lint', join('supabase', 'migrations', forward), join('supabase', 'migrations', `rollback_${version}.sql`)]);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    const lintDir = await cli(['lint', 'supabase/migrations', '--format', 'json']);
    expect(lintDir.stdout).not.toContain('gap in numbering');

    const apply = await cli(['apply']);
    expect(apply.code, apply.stderr).toBe(0);
    const rows = await target.db.query<{ version: string; type: string }>(
      `SELECT version::text, pg_typeof(version)::text AS type FROM schema_migrations.history ORDER BY version`,
    );
    expect(rows).toEqual([
      { version: '20240101000000', type: 'bigint' },
      { version, type: 'bigint' },
    ]);
    const status = await cli(['status', '--format', 'json']);
    const parsed = JSON.parse(status.stdout) as { migrations: { version: number; state: string }[] };
    expect(parsed.migrations.map((m) => [m.version, m.state])).toEqual([
      [20240101000000, 'applied'],
      [Number(version), 'applied'],
    ]);
    expect((await cli(['plan', '--dry-run'])).stdout).toContain('No changes');

    const back = await cli(['apply', '--rollback', version]);
    expect(back.code, back.stderr).toBe(0);
    expect(await target.db.query(`SELECT to_regclass('public.notes') AS t`)).toEqual([{ t: null }]);
    expect((await target.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.legacy`))[0]!.n).toBe(2000);
    const again = await cli(['apply']);
    expect(again.code, again.stderr).toBe(0);
    expect((await cli(['plan', '--dry-run'])).stdout).toContain('No changes');
  });
});
