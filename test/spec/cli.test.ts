import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { specDir } from './helpers.js';

const POSITIONED = /^(\S+):(\d+):(\d+) error ([a-z-]+): /m;

function expectInputError(result: { code: number; stdout: string; stderr: string }, file: string, code: string): void {
  expect(result.code, result.stderr).toBe(2);
  const match = POSITIONED.exec(result.stderr);
  expect(match, result.stderr).not.toBeNull();
  expect(result.stderr).toContain(`${file}:`);
  expect(result.stderr).toContain(` error ${code}: `);
  expect(result.stderr).toContain('  Fix: ');
  expect(result.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  expect(result.stderr).not.toContain('unexpected error');
}

describe('schema validate', () => {
  it('exits 0 on the example app', async () => {
    const result = await runCli(['validate']);
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(join(REPO_ROOT, 'schema')).filter((f) => f.endsWith('.yaml')).length;
    expect(files).toBe(5); // functions, notifications, partner_connections, profiles, sessions
    expect(result.stderr).toContain(`schema: ${files} files, valid`);
  });

  it.each([
    ['yaml syntax', 'tables:\n  t: { columns: [\n', 'yaml-syntax'],
    ['tabs', 'tables:\n\tt: {}\n', 'yaml-tab'],
    ['duplicate keys', 'enums:\n  a: [x]\n  a: [y]\n', 'duplicate-key'],
    ['a scalar where a map belongs', 'tables:\n  t: 5\n', 'invalid-value'],
    ['an unknown key', 'tables:\n  t:\n    columns: {}\n    rsl: true\n', 'unknown-key'],
    ['deep nesting', `tables:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')}\n`, 'too-deep'],
    ['an injection in a default', 'tables:\n  t:\n    columns:\n      id: { type: text, default: "1); DROP TABLE x; --" }\n', 'invalid-sql'],
    ['an unknown column', 'tables:\n  t:\n    columns: { id: { type: uuid } }\n    primary_key: [idd]\n', 'unknown-column'],
  ])('exits 2 with a positioned error on %s', async (_what, text, code) => {
    const dir = specDir({ 'bad.yaml': text });
    expectInputError(await runCli(['validate', '--schema', dir]), join(dir, 'bad.yaml'), code);
  });

  it('exits 2 on binary, non-UTF-8 and oversized files', async () => {
    const binary = specDir({ 'x.yaml': Buffer.from([0x00, 0xff, 0x10]) });
    expectInputError(await runCli(['validate', '--schema', binary]), join(binary, 'x.yaml'), 'binary-file');
    const latin1 = specDir({ 'x.yaml': Buffer.from('enums:\n  caf\xe9: [a]\n', 'latin1') });
    expectInputError(await runCli(['validate', '--schema', latin1]), join(latin1, 'x.yaml'), 'encoding');
    const big = specDir({ 'x.yaml': `enums:\n${'  e: [a, b, c, d, e, f, g, h, i, j]\n'.repeat(300_000)}` });
    const started = Date.now();
    expectInputError(await runCli(['validate', '--schema', big]), join(big, 'x.yaml'), 'file-too-large');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('exits 2 when the schema directory is missing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'schema-cli-'));
    try {
      expectInputError(await runCli(['validate'], { cwd }), 'schema', 'schema-dir-missing');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('prints an empty file as a warning and still exits 0', async () => {
    const dir = specDir({ 'a.yaml': 'enums:\n  e: [a]\n', 'b.yaml': '' });
    const result = await runCli(['validate', '--schema', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${join(dir, 'b.yaml')}:1:1 warning empty-file: `);
  });

  it('exits 1 on checklist errors, printing them with their fix', async () => {
    const dir = specDir({ 'a.yaml': 'tables:\n  t:\n    columns:\n      id: { type: uuid, primary_key: true }\n      at: { type: timestamp }\n' });
    const result = await runCli(['validate', '--schema', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${join(dir, 'a.yaml')}:5:13 error timestamptz: `);
    expect(result.stdout).toContain('  Fix: ');
  });
});

describe('schema init', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes the example app and config, which then validate cleanly; refuses to overwrite', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'schema-init-'));
    dirs.push(cwd);
    const first = await runCli(['init'], { cwd });
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(join(cwd, 'schema.config.yaml'))).toBe(true);
    const files = readdirSync(join(cwd, 'schema')).sort();
    expect(files).toEqual(readdirSync(join(REPO_ROOT, 'schema')).filter((f) => f.endsWith('.yaml')).sort());
    for (const file of files) {
      const text = readFileSync(join(cwd, 'schema', file), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/schema/schema.json');
      expect(text.split('\n').slice(1)).toEqual(readFileSync(join(REPO_ROOT, 'schema', file), 'utf8').split('\n').slice(1));
    }
    const validate = await runCli(['validate'], { cwd });
    expect(validate.code, validate.stderr).toBe(0);
    writeFileSync(join(cwd, 'schema', 'functions.yaml'), '# changed\n');
    const again = await runCli(['init'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite');
    expect(readFileSync(join(cwd, 'schema', 'functions.yaml'), 'utf8')).toBe('# changed\n');
  });
});
