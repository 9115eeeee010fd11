/**
 * Cache of the checked spec, keyed by the bytes of every spec file and the settings that affect
 * checking. A plan on an unchanged spec then skips parsing, validation and toCatalog entirely.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../cli/config.js';
import { VERSION } from '../version.js';
import type { CheckedSpec } from './spec-input.js';

const KEEP = 4;

function specFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/i.test(entry.name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** The key of a spec directory's content, or undefined when it cannot be read (loading reports why). */
export function specCacheKey(dir: string, config: Config): string | undefined {
  try {
    const hash = createHash('sha256');
    hash.update(JSON.stringify([VERSION, config.preset, config.exposed_schemas]));
    for (const file of specFiles(dir)) {
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
  const file = join(cacheDir, `spec-${key}.json`);
  if (!existsSync(file)) return undefined;
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    return { ...stored, loaded: { ...stored.loaded, positions: new Map(stored.loaded.positions) } } as CheckedSpec;
  } catch {
    return undefined; // a corrupt entry is rebuilt
  }
}

export function writeSpecCache(cacheDir: string, key: string, checked: CheckedSpec): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const stored: Stored = { ...checked, loaded: { ...checked.loaded, positions: [...checked.loaded.positions] } };
    writeFileSync(join(cacheDir, `spec-${key}.json`), JSON.stringify(stored));
    const entries = readdirSync(cacheDir)
      .filter((name) => name.startsWith('spec-'))
      .map((name) => ({ name, time: statSync(join(cacheDir, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const old of entries.slice(KEEP)) rmSync(join(cacheDir, old.name), { force: true });
  } catch {
    // the cache is an optimization; a read-only directory only costs time
  }
}
