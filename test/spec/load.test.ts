import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import { MAX_FILE_BYTES } from '../../src/spec/read-yaml.js';
import { inputError, specDir } from './helpers.js';

const TABLE = `tables:
  notifications:
    columns:
      id: { type: uuid, primary_key: true }
      body:
        type: text
`;

describe('loadSpec', () => {
  it('merges every yaml/yml file recursively in sorted order and keeps positions', async () => {
    const dir = specDir({
      'b.yaml': TABLE,
      'sub/a.yml': 'enums:\n  kind: [a, b]\n',
      'notes.txt': 'ignored',
    });
    const loaded = await loadSpec(dir);
    expect(loaded.files).toEqual([join(dir, 'b.yaml'), join(dir, 'sub/a.yml')]);
    expect(Object.keys(loaded.spec.tables ?? {})).toEqual(['notifications']);
    expect(loaded.spec.enums).toEqual({ kind: ['a', 'b'] });
    expect(loaded.positions.get('tables/notifications')).toEqual({ file: join(dir, 'b.yaml'), line: 2, col: 3 });
    expect(loaded.positions.get('tables/notifications/columns/id/type')).toEqual({ file: join(dir, 'b.yaml'), line: 4, col: 13 });
    expect(loaded.positions.get('tables/notifications/columns/body/type')).toEqual({ file: join(dir, 'b.yaml'), line: 6, col: 9 });
    expect(loaded.positions.get('enums/kind/1')).toEqual({ file: join(dir, 'sub/a.yml'), line: 2, col: 13 });
  });

  it('reports a file path as given, relative to the working directory', async () => {
    const loaded = await loadSpec('schema');
    expect(loaded.files.every((f) => f.startsWith('schema/'))).toBe(true);
    expect(loaded.positions.get('tables/notifications')?.file).toBe('schema/notifications.yaml');
  });

  it('rejects the same object declared in two files, naming both places', async () => {
    const dir = specDir({ 'a.yaml': TABLE, 'b.yaml': `tables:\n  public.notifications:\n    columns: { id: { type: uuid } }\n` });
    const error = await inputError(() => loadSpec(dir));
    expect(error.findings).toHaveLength(1);
    expect(error.findings[0]).toMatchObject({ file: join(dir, 'b.yaml'), line: 2, col: 3, code: 'duplicate-object' });
    expect(error.findings[0]!.message).toContain(`${join(dir, 'a.yaml')}:2:3`);
  });

  it.each([
    ['yaml syntax', 'tables:\n  t: { columns: [\n', 'yaml-syntax'],
    ['tab indentation', 'tables:\n\tt:\n\t\tcolumns: {}\n', 'yaml-tab'],
    ['duplicate key', 'tables:\n  t:\n    columns: {}\n  t:\n    columns: {}\n', 'duplicate-key'],
    ['scalar where a map belongs', 'tables: 5\n', 'invalid-value'],
    ['list at the top', '- a\n- b\n', 'expected-map'],
    ['unknown key', 'tables:\n  t:\n    colums: {}\n', 'unknown-key'],
  ])('rejects %s with a positioned error', async (_what, text, code) => {
    const dir = specDir({ 'x.yaml': text });
    const error = await inputError(() => loadSpec(dir));
    const finding = error.findings.find((f) => f.code === code);
    expect(finding, JSON.stringify(error.findings)).toBeDefined();
    expect(finding!.file).toBe(join(dir, 'x.yaml'));
    expect(finding!.line).toBeGreaterThanOrEqual(1);
    expect(finding!.severity).toBe('error');
  });

  it('points a duplicate key at its second occurrence and names the first', async () => {
    const dir = specDir({ 'x.yaml': 'tables:\n  t:\n    columns: {}\n  t:\n    columns: {}\n' });
    const error = await inputError(() => loadSpec(dir));
    expect(error.findings[0]).toMatchObject({ line: 4, col: 3, code: 'duplicate-key' });
    expect(error.findings[0]!.message).toContain('line 2');
  });

  it('suggests the closest key for an unknown one', async () => {
    const dir = specDir({ 'x.yaml': 'tables:\n  t:\n    columns:\n      id: { type: uuid, primary_kye: true }\n' });
    const error = await inputError(() => loadSpec(dir));
    expect(error.findings).toEqual([
      expect.objectContaining({ line: 4, col: 25, code: 'unknown-key', message: expect.stringContaining('did you mean "primary_key"?') }),
    ]);
  });

  it('treats an empty file as a warning', async () => {
    const dir = specDir({ 'a.yaml': TABLE, 'empty.yaml': '# nothing yet\n' });
    const loaded = await loadSpec(dir);
    expect(loaded.warnings).toEqual([expect.objectContaining({ file: join(dir, 'empty.yaml'), severity: 'warning', code: 'empty-file' })]);
  });

  it('rejects binary and non-UTF-8 files with the position of the bad byte', async () => {
    const binary = specDir({ 'x.yaml': Buffer.from([0x61, 0x3a, 0x0a, 0x00, 0x01]) });
    expect((await inputError(() => loadSpec(binary))).findings[0]).toMatchObject({ code: 'binary-file', line: 2, col: 1 });
    const latin1 = specDir({ 'x.yaml': Buffer.from('tables:\n  caf\xe9: {}\n', 'latin1') });
    expect((await inputError(() => loadSpec(latin1))).findings[0]).toMatchObject({ code: 'encoding', line: 2, col: 6 });
  });

  it('refuses an oversized file quickly', async () => {
    const line = '      c: { type: text, default: now() }\n';
    const big = `tables:\n  t:\n    columns:\n${line.repeat(Math.ceil((10 * 1024 * 1024) / line.length))}`;
    expect(big.length).toBeGreaterThan(MAX_FILE_BYTES);
    const dir = specDir({ 'big.yaml': big });
    const started = Date.now();
    const error = await inputError(() => loadSpec(dir));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.findings[0]).toMatchObject({ code: 'file-too-large', line: 1, col: 1 });
  });

  it('loads a large but legal file in linear time', async () => {
    // Linear, not quadratic: four times the columns take well under sixteen times as long. A ratio of
    // two loads in one run, not a wall-clock limit the machine's load decides.
    const load = async (n: number): Promise<number> => {
      const columns = Array.from({ length: n }, (_, i) => `      c${i}: { type: text }\n`).join('');
      const dir = specDir({ 'wide.yaml': `tables:\n  t:\n    columns:\n${columns}` });
      const started = performance.now();
      const loaded = await loadSpec(dir);
      expect(Object.keys(loaded.spec.tables!['t']!.columns)).toHaveLength(n);
      return performance.now() - started;
    };
    await load(500); // warm-up: the parser and validator compiled once
    const small = await load(4000);
    const large = await load(16000);
    expect(large / small).toBeLessThan(8);
  }, 120_000);

  it('survives 1000-deep nesting without a stack overflow', async () => {
    const flow = specDir({ 'x.yaml': `tables: ${'['.repeat(1000)}${']'.repeat(1000)}\n` });
    const flowError = await inputError(() => loadSpec(flow));
    expect(flowError.findings.length).toBeGreaterThan(0);
    let block = '';
    for (let i = 0; i < 1000; i++) block += `${' '.repeat(i)}k${i}:\n`;
    const nested = specDir({ 'x.yaml': block });
    const blockError = await inputError(() => loadSpec(nested));
    expect(blockError.findings[0]).toMatchObject({ file: join(nested, 'x.yaml') });
    expect(blockError.findings[0]!.code).toMatch(/too-deep|yaml-syntax/);
  });

  it('rejects a missing directory and a directory without YAML', async () => {
    expect((await inputError(() => loadSpec('/nonexistent/schema'))).findings[0]).toMatchObject({ code: 'schema-dir-missing', file: '/nonexistent/schema' });
    expect((await inputError(() => loadSpec(specDir({ 'a.txt': 'x' })))).findings[0]).toMatchObject({ code: 'no-spec-files' });
  });

  it('expands aliases of anchors kept under x- keys, and rejects undefined aliases', async () => {
    const dir = specDir({
      'a.yaml': 'x-columns:\n  ts: &ts { type: timestamptz, not_null: true, default: now() }\ntables:\n  t:\n    columns:\n      created_at: *ts\n',
      'b.yaml': 'x-columns: { other: 1 }\n',
    });
    const loaded = await loadSpec(dir);
    expect(Object.keys(loaded.spec)).toEqual(['tables']);
    expect(loaded.spec.tables!['t']!.columns['created_at']).toEqual({ type: 'timestamptz', not_null: true, default: 'now()' });
    const broken = specDir({ 'x.yaml': 'tables:\n  t:\n    columns:\n      created_at: *ts\n' });
    expect((await inputError(() => loadSpec(broken))).findings[0]).toMatchObject({ code: 'yaml-alias', line: 4, col: 19 });
  });

  it('rejects more than one YAML document in a file', async () => {
    const dir = specDir({ 'x.yaml': 'enums:\n  a: [x]\n---\nenums:\n  b: [y]\n' });
    expect((await inputError(() => loadSpec(dir))).findings[0]).toMatchObject({ code: 'yaml-syntax', line: 3, col: 1 });
  });
});
