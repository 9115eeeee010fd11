/**
 * `schema test --emit pgtap DIR`: the same cases as pgTAP files, run by pg_prove (what
 * `supabase test db` runs) against a real database with the pgTAP extension: they pass on the
 * declared policies and fail when a policy is weakened behind the spec's back.
 *
 * pgTAP comes from Debian's postgresql-15-pgtap, installed for the PostgreSQL 15 service on
 * 127.0.0.1:5432 (PGTAP_DATABASE_URL overrides); the embedded servers have no pgTAP.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { notesSpec, OWN } from './fixture.js';

const PGTAP_SERVER = process.env['PGTAP_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let work: string;
let target: TestDatabase;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-pgtap-'));
  mkdirSync(join(work, 'schema'));
  writeFileSync(join(work, 'schema', 'notes.yaml'), notesSpec(OWN));
  target = await freshDatabase('pgtap', PGTAP_SERVER);
  await target.db.exec(supabasePresetSql());
  // As on Supabase: pgTAP in the extensions schema, which the database's search_path includes.
  await target.db.exec(`CREATE SCHEMA IF NOT EXISTS extensions; CREATE EXTENSION pgtap SCHEMA extensions; ALTER DATABASE ${target.name} SET search_path = "$user", public, extensions`);
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });

function prove(dir: string): { code: number; output: string } {
  const url = new URL(target.url);
  const files = readdirSync(dir).sort().map((f) => join(dir, f));
  try {
    const output = execFileSync('pg_prove', ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username), '-d', target.name, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, output };
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('schema test --emit pgtap', () => {
  it('writes one file per case, deterministic, that pg_prove passes on the declared policies', async () => {
    expect((await cli(['plan', '--name', 'notes'])).code).toBe(0);
    expect((await cli(['apply'])).code).toBe(0);
    const emitted = await cli(['test', '--emit', 'pgtap', 'tests']);
    expect(emitted.code, emitted.stderr).toBe(0);
    expect(emitted.stdout).toContain('wrote 4 pgTAP files to tests');
    const dir = join(work, 'tests');
    const files = readdirSync(dir).sort();
    expect(files).toEqual([
      'public.notes--anon_cannot_insert.test.sql',
      'public.notes--cannot_edit_others.test.sql',
      'public.notes--edits_own.test.sql',
      'public.notes--sees_only_own.test.sql',
    ]);
    const before = files.map((f) => readFileSync(join(dir, f), 'utf8'));
    expect((await cli(['test', '--emit', 'pgtap', 'tests'])).code).toBe(0);
    expect(files.map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(before);

    const run = prove(dir);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('All tests successful.');
    expect(run.output).toContain('Tests=4');
  });

  it('fails in pg_prove when the live policy lets users read every row', async () => {
    await target.db.exec('ALTER POLICY notes_select_own ON public.notes USING (true)');
    const run = prove(join(work, 'tests'));
    expect(run.code).not.toBe(0);
    const summary = run.output.split('Test Summary Report')[1] ?? '';
    expect(summary, run.output).toMatch(/public\.notes--sees_only_own\.test\.sql\s+\(Wstat: .*Tests: 1 Failed: 1\)/);
    for (const passing of ['anon_cannot_insert', 'cannot_edit_others', 'edits_own']) expect(summary).not.toContain(passing);
  });
});
