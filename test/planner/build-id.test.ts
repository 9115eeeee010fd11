/** Caches are keyed on the build: a build that changes the code never reads an older build's entries. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/cli/config.js';
import { desiredCacheKey } from '../../src/planner/desired.js';
import { loadAndCheckSpec } from '../../src/planner/spec-input.js';
import { presetNamed } from '../../src/presets/index.js';
import { VERSION } from '../../src/version.js';
import { REPO_ROOT } from '../helpers/cli.js';

const { buildId } = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'build-id.mjs')).href)) as { buildId: (dir: string) => string };

describe('build id', () => {
  it('is a hash of the built files: the same files give the same id, any changed byte or path another', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-build-id-'));
    try {
      mkdirSync(join(dir, 'catalog'));
      writeFileSync(join(dir, 'catalog', 'tables.sql'), 'SELECT 1');
      writeFileSync(join(dir, 'main.js'), 'export {}');
      const first = buildId(dir);
      expect(first).toMatch(/^[0-9a-f]{16}$/);
      writeFileSync(join(dir, 'build-id.txt'), `${first}\n`);
      expect(buildId(dir)).toBe(first);
      writeFileSync(join(dir, 'catalog', 'tables.sql'), 'SELECT 2');
      const second = buildId(dir);
      expect(second).not.toBe(first);
      rmSync(join(dir, 'catalog', 'tables.sql'));
      writeFileSync(join(dir, 'catalog', 'columns.sql'), 'SELECT 2');
      expect(buildId(dir)).not.toBe(second);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is written by the build and read by the built code as its code version', async () => {
    const dist = join(REPO_ROOT, 'dist');
    const id = readFileSync(join(dist, 'build-id.txt'), 'utf8').trim();
    expect(id).toBe(buildId(dist));
    const built = (await import(pathToFileURL(join(dist, 'version.js')).href)) as { codeVersion: () => string };
    expect(built.codeVersion()).toBe(`${VERSION}+${id}`);
  });

  it('keys the desired-catalog cache: another build of the same version misses', async () => {
    const checked = await loadAndCheckSpec(join(REPO_ROOT, 'schema'), defaultConfig);
    const inputs = { ...checked, preset: presetNamed('supabase'), options: { lockTimeout: '5s', statementTimeout: '1min', targetVersion: 14 }, serverMajor: 15 };
    expect(desiredCacheKey(inputs, `${VERSION}+aaaa`)).toBe(desiredCacheKey(inputs, `${VERSION}+aaaa`));
    expect(desiredCacheKey(inputs, `${VERSION}+aaaa`)).not.toBe(desiredCacheKey(inputs, `${VERSION}+bbbb`));
  });
});
