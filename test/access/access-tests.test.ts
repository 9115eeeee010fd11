/**
 * Declared access tests, run as a user runs them: `schema test` on a shadow of the desired state,
 * `plan` refusing a proposed state that breaks one, and positioned errors for malformed cases.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { EVERYONE, notesSpec, OWN } from './fixture.js';

let work: string;
let target: TestDatabase;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-access-'));
  mkdirSync(join(work, 'schema'));
  target = await freshDatabase('access');
  await target.db.exec(supabasePresetSql());
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

const writeSpec = (yaml: string): void => writeFileSync(join(work, 'schema', 'notes.yaml'), yaml);
const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });

describe('schema test', () => {
  it('passes when the policies give each role exactly the declared access', async () => {
    writeSpec(notesSpec(OWN));
    const run = await cli(['test']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('ok'))).toEqual([
      'ok   public.notes: anon_cannot_insert (as anon) denied: permission denied for table notes',
      'ok   public.notes: cannot_edit_others (as authenticated) updated 0 rows',
      'ok   public.notes: edits_own (as authenticated) updated 1 row',
      'ok   public.notes: sees_only_own (as authenticated) saw 1 row',
    ]);
    expect(run.stdout).toContain('tests: 4 passed, 0 failed');
  });

  it('fails, at the case in the YAML, when a policy lets a user read the rows of another', async () => {
    writeSpec(notesSpec(EVERYONE));
    const run = await cli(['test']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL public.notes: sees_only_own (as authenticated) saw 2 rows');
    expect(run.stdout).toMatch(/notes\.yaml:\d+:7 error access-test: access test public\.notes: "sees_only_own" as authenticated expected select seeing 1 row, but saw 2 rows/);
    expect(run.stdout).toContain('tests: 3 passed, 1 failed');
  });

  it('leaves no rows behind: every case rolls back', async () => {
    writeSpec(notesSpec(OWN));
    expect((await cli(['test'])).code).toBe(0);
    // The tests ran on a shadow; the target itself has no notes table and no test users.
    const users = await target.db.query<{ n: string }>('SELECT count(*)::text AS n FROM auth.users');
    expect(users[0]!.n).toBe('0');
  });
});

describe('plan runs the access tests on the proposed state', () => {
  it('writes the pair when the tests pass, and refuses a policy change that breaks one', async () => {
    writeSpec(notesSpec(OWN));
    const first = await cli(['plan', '--name', 'notes']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect((await cli(['apply'])).code).toBe(0);

    writeSpec(notesSpec(EVERYONE));
    const refused = await cli(['plan']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/notes\.yaml:\d+:7 error access-test: .*"sees_only_own".*saw 2 rows/);
    expect(refused.stderr).toContain('the proposed state fails 1 declared access test; nothing was written');
    expect(existsSync(join(work, 'generated-migrations', '002_alter_notes.sql'))).toBe(false);
    const policy = await target.db.query<{ qual: string }>(`SELECT qual FROM pg_policies WHERE tablename = 'notes' AND policyname = 'notes_select_own'`);
    expect(policy[0]!.qual).toContain('auth.uid()');
  });
});

describe('malformed access tests', () => {
  it('are refused at their YAML line with exit 2', async () => {
    writeSpec(
      notesSpec(OWN) +
        `      two_operations:\n        as: authenticated\n        select: { count: 0 }\n        delete: {}\n` +
        `      misspelt_column:\n        as: authenticated\n        given:\n          notes: [{ ownr_id: x }]\n        select: { count: 0 }\n`,
    );
    const run = await cli(['validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/notes\.yaml:\d+:\d+ error invalid-access-test: access test "two_operations" has 2 operations \(select, delete\)/);
    expect(run.stderr).toMatch(/notes\.yaml:\d+:\d+ error unknown-column: "ownr_id" is not a column of notes; did you mean "owner_id"\?/);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
