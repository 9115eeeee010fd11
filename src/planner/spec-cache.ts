/**
 * Cache of the checked spec, keyed by the bytes of every spec file and the settings that affect
 * checking. A plan on an unchanged spec then skips parsing, validation and toCatalog entirely.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../cli/config.js';
import { specFilePaths } from '../spec/files.js';
import { VERSION } from '../version.js';
import { readCacheJson, writeCacheFiles } from './cache-files.js';
import type { CheckedSpec } from './spec-input.js';

const KEEP = 4;

/** The key of a spec directory's content, or undefined when it cannot be read (loading reports why). */
export function specCacheKey(dir: string, config: Config): string | undefined {
  try {
    const hash = createHash('sha256');
    hash.update(JSON.stringify([VERSION, config.preset, config.exposed_schemas]));
    for (const file of specFilePaths(dir)) {
      hash.update(`\0${file}\0`);
      hash.update(readFileSync(file));
    }
    return hash.digest('hex').slice(0, 32);
  } catch {
    return undefined;
  }
}

interface Stored extends Omit<CheckedSpec, 'loaded'> {
  readonly loaded: Omit<CheckedSpec['loaded'], 'positions'> & { readonly positions: [string, unknown][] };
}

export function readSpecCache(cacheDir: string, key: string): CheckedSpec | undefined {
  const stored = readCacheJson<Stored>(join(cacheDir, `spec-${key}.json`));
  return stored && ({ ...stored, loaded: { ...stored.loaded, positions: new Map(stored.loaded.positions) } } as CheckedSpec);
}

export function writeSpecCache(cacheDir: string, key: string, checked: CheckedSpec): void {
  const stored: Stored = { ...checked, loaded: { ...checked.loaded, positions: [...checked.loaded.positions] } };
  writeCacheFiles(cacheDir, { [`spec-${key}.json`]: JSON.stringify(stored) }, 'spec-', KEEP);
}
