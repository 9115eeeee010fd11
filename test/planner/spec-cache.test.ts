import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/cli/config.js';
import { loadAndCheckSpec } from '../../src/planner/spec-input.js';
import { REPO_ROOT } from '../helpers/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function example(): { spec: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'schema-spec-cache-'));
  dirs.push(root);
  cpSync(join(REPO_ROOT, 'schema'), join(root, 'schema'), { recursive: true });
  return { spec: join(root, 'schema'), cache: join(root, 'cache') };
}

describe('the checked-spec cache', () => {
  it('returns what a fresh load returns, positions included', async () => {
    const { spec, cache } = example();
    const fresh = await loadAndCheckSpec(spec, defaultConfig, cache);
    expect(readdirSync(cache).filter((f) => f.startsWith('spec-'))).toHaveLength(2);
    const hit = await loadAndCheckSpec(spec, defaultConfig, cache);
    expect(JSON.stringify(await hit.draft())).toBe(JSON.stringify(await fresh.draft()));
    expect(hit.draftKey).toBe(fresh.draftKey);
    expect(hit.inputs).toEqual(fresh.inputs);
    expect([...(await hit.loaded()).positions]).toEqual([...(await fresh.loaded()).positions]);
    expect(hit.findings).toEqual(fresh.findings);
  });

  it('never serves a stale spec: an edited file is loaded again', async () => {
    const { spec, cache } = example();
    await loadAndCheckSpec(spec, defaultConfig, cache);
    const file = join(spec, 'notifications.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(\n\s+)is_read:/, '$1archived_at: { type: timestamptz }$1is_read:'));
    const edited = await loadAndCheckSpec(spec, defaultConfig, cache);
    const columns = (await edited.draft()).tables['public.notifications']!.columns.map((c) => c.name);
    expect(columns).toContain('archived_at');
  });

  it('reads the large parts only on demand, and loads the spec again when they are gone', async () => {
    const { spec, cache } = example();
    const fresh = await loadAndCheckSpec(spec, defaultConfig, cache);
    for (const part of readdirSync(cache).filter((f) => /\.(loaded|draft)\.json$/.test(f))) rmSync(join(cache, part));
    const hit = await loadAndCheckSpec(spec, defaultConfig, cache);
    expect(hit.draftKey).toBe(fresh.draftKey);
    expect(JSON.stringify(await hit.draft())).toBe(JSON.stringify(await fresh.draft()));
    expect([...(await hit.loaded()).positions]).toEqual([...(await fresh.loaded()).positions]);
  });

  it('after an edit, reads unchanged files from the parse cache into exactly what a fresh load gives', async () => {
    const { spec, cache } = example();
    await loadAndCheckSpec(spec, defaultConfig, cache);
    const stored = JSON.parse(readFileSync(join(cache, 'parsed-files.json'), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(stored.files).length).toBe(readdirSync(spec).filter((f) => f.endsWith('.yaml')).length);
    const file = join(spec, 'notifications.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(\n\s+)is_read:/, '$1archived_at: { type: timestamptz }$1is_read:'));
    const edited = await loadAndCheckSpec(spec, defaultConfig, cache);
    const fresh = await loadAndCheckSpec(spec, defaultConfig);
    expect(JSON.stringify(await edited.draft())).toBe(JSON.stringify(await fresh.draft()));
    expect([...(await edited.loaded()).positions]).toEqual([...(await fresh.loaded()).positions]);
    expect(edited.findings).toEqual(fresh.findings);
    // The edited file's old entry is gone, its new one is in.
    const after = JSON.parse(readFileSync(join(cache, 'parsed-files.json'), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(after.files).length).toBe(Object.keys(stored.files).length);
    expect(Object.keys(after.files)).not.toEqual(Object.keys(stored.files));
  });

  it('does not cache an invalid spec', async () => {
    const { spec, cache } = example();
    writeFileSync(join(spec, 'broken.yaml'), 'tables:\n  t:\n    columns:\n      a: { type: text, references: { table: nowhere } }\n');
    await expect(loadAndCheckSpec(spec, defaultConfig, cache)).rejects.toThrow();
    await expect(loadAndCheckSpec(spec, defaultConfig, cache)).rejects.toThrow();
  });
});
