/** `schema lint` as a user runs it: the built CLI in a child process (run `npm run build` first). */
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { GOOD_SQL } from '../rules/sql-cases.js';

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'schema-lint-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const good = GOOD_SQL['RLS + auth.uid() policies']!;
const rollback = "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '15min';\nDROP TABLE IF EXISTS public.notifications;\nCOMMIT;\n";
const bad = "-- legacy\nCREATE TABLE notes (\n  id uuid PRIMARY KEY,\n  created_at timestamp\n);\n";

const noStackTrace = (text: string): void => {
  expect(text).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
  expect(text).not.toContain('unexpected error');
};

describe('schema lint', () => {
  it('prints file:line:col severity rule: message and a fix, exits 1 on errors', async () => {
    const cwd = project({ 'm/001_init.sql': good, 'm/rollback_001.sql': rollback, 'm/002_legacy.sql': bad, 'm/rollback_002.sql': 'DROP TABLE IF EXISTS notes;' });
    const result = await runCli(['lint', 'm'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('m/002_legacy.sql:4:14 error timestamptz: column public.notes.created_at is timestamp without time zone\n  Fix: ');
    expect(result.stdout).toContain('m/002_legacy.sql:2:1 error idempotent-ddl: ');
    expect(result.stdout).toContain('m/002_legacy.sql:2:14 error rls-required: ');
    expect(result.stdout).not.toContain('001_init.sql');
    expect(result.stderr).toMatch(/4 files checked: \d+ errors?, \d+ warnings?/);
  });

  it('exits 0 on a clean directory, and takes the migrations directory from the config by default', async () => {
    const cwd = project({ 'schema.config.yaml': 'migrations: db/migrations\n', 'db/migrations/001_init.sql': good, 'db/migrations/rollback_001.sql': rollback });
    const result = await runCli(['lint'], { cwd });
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('2 files checked: 0 errors, 0 warnings');
  });

  it('reports directory rules: gaps, duplicates, missing and empty rollbacks', async () => {
    const cwd = project({ 'm/001_a.sql': good, 'm/rollback_001.sql': '', 'm/003_c.sql': good, 'm/003_d.sql': good, 'm/rollback_003.sql': rollback });
    const result = await runCli(['lint', 'm'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('m/003_c.sql:1:1 error sequential-numbering: gap in numbering');
    expect(result.stdout).toContain('m/003_d.sql:1:1 error sequential-numbering: number 3 is used twice');
    expect(result.stdout).toContain('m/rollback_001.sql:1:1 error rollback-present: the rollback file is empty');
  });

  it('warnings alone exit 0; waivers silence a finding', async () => {
    const cwd = project({
      'a.sql': "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '1min';\nALTER TABLE public.n ADD COLUMN IF NOT EXISTS payload jsonb;\nCOMMIT;\n",
      'b.sql': '-- schema:waive timestamptz the ERP writes local time\nALTER TABLE app.n ADD COLUMN IF NOT EXISTS seen timestamp; -- schema:waive lock-timeout runs in a maintenance window\n',
    });
    const result = await runCli(['lint', 'a.sql', 'b.sql'], { cwd });
    expect(result.stdout).toBe('a.sql:4:47 warning jsonb-default: jsonb column public.n.payload has no default\n  Fix: add DEFAULT \'{}\'::jsonb (or \'[]\'::jsonb for a list)\n');
    expect(result.code).toBe(0);
  });

  it('--format json and --format sarif', async () => {
    const cwd = project({ 'x.sql': bad });
    const json = await runCli(['lint', 'x.sql', '--format', 'json'], { cwd });
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { findings: { code: string; line: number; col: number; file: string }[]; summary: { files: number; errors: number } };
    expect(parsed.summary.files).toBe(1);
    expect(parsed.findings).toContainEqual(expect.objectContaining({ file: 'x.sql', code: 'timestamptz', line: 4, col: 14, severity: 'error' }));
    const sarif = await runCli(['lint', 'x.sql', '--format', 'sarif'], { cwd });
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    const result = log.runs[0]!.results.find((r) => r.ruleId === 'timestamptz')!;
    expect(result.level).toBe('error');
    expect(log.runs[0]!.tool.driver.rules[result.ruleIndex]!.id).toBe('timestamptz');
    expect(result.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'x.sql' }, region: { startLine: 4, startColumn: 14 } });
  });

  it('a syntax error is a positioned finding, exit 2', async () => {
    const cwd = project({ 'x.sql': 'SELECT 1;\nCREATE TABLE (;\n' });
    const result = await runCli(['lint', 'x.sql'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^x\.sql:2:14 error syntax: SQL syntax error: syntax error at or near "\("/);
    noStackTrace(result.stderr + result.stdout);
  });

  it('garbage input: binary, 50 MB, unterminated dollar quote, non-UTF-8 -> positioned findings, exit 2, no stack trace', async () => {
    const cwd = project({
      'binary.sql': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
      'dollar.sql': "SELECT 1;\nDO $$\nBEGIN\n  RAISE NOTICE 'never closed';\n",
      'latin1.sql': Buffer.concat([Buffer.from("SELECT 1;\nCOMMENT ON TABLE t IS 'caf"), Buffer.from([0xe9]), Buffer.from("';\n")]),
      'huge.sql': '',
    });
    truncateSync(join(cwd, 'huge.sql'), 50 * 1024 * 1024);
    const result = await runCli(['lint', '.'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('binary.sql:3:1 error input: binary file (NUL byte), not SQL text');
    expect(result.stdout).toContain('binary.sql:1:1 warning sequential-numbering: ');
    expect(result.stdout).toMatch(/dollar\.sql:2:4 error syntax: SQL syntax error: unterminated dollar-quoted string/);
    expect(result.stdout).toContain("latin1.sql:2:27 error input: not valid UTF-8 (byte 0xe9)");
    expect(result.stdout).toContain('huge.sql:1:1 error input: file is 50.0 MB');
    noStackTrace(result.stderr + result.stdout);
  });

  it('bad usage exits 2 with a clear message', async () => {
    const cwd = project({ 'x.sql': 'SELECT 1;' });
    const missing = await runCli(['lint', 'nope.sql'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.sql: no such file or directory');
    const format = await runCli(['lint', 'x.sql', '--format', 'xml'], { cwd });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of text, json, sarif');
    const noDir = await runCli(['lint'], { cwd });
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('generated-migrations: no such file or directory');
    noStackTrace(missing.stderr + format.stderr + noDir.stderr);
  });
});
