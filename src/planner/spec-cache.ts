/**
 * Cache of the checked spec, keyed by the bytes of every spec file and the settings that affect
 * checking. A plan on an unchanged spec then skips parsing, validation and toCatalog entirely.
 * An entry is three files: the small part every plan needs (findings, inputs, the draft's hash),
 * and the spec with positions and the draft, each read only when a plan needs it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import type { Config } from '../cli/config.js';
import type { LoadedSpec } from '../spec/types.js';
import { specFilePaths } from '../spec/files.js';
import { VERSION } from '../version.js';
import { readCacheJson, writeCacheFiles } from './cache-files.js';
import type { CheckedSpec, FreshSpec } from './spec-input.js';

const KEEP = 4;
const FILES_PER_ENTRY = 3;

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

type StoredSummary = Pick<CheckedSpec, 'findings' | 'inputs' | 'draftKey'>;
type StoredLoaded = Omit<LoadedSpec, 'positions'> & { readonly positions: [string, unknown][] };

const names = (key: string) => ({
  summary: `spec-${key}.json`,
  loaded: `spec-${key}.loaded.json`,
  draft: `spec-${key}.draft.json`,
});

/**
 * The cached entry, or undefined on a miss. Should a part read on demand be gone or unreadable by
 * then, `reload` checks the spec afresh.
 */
export function readSpecCache(cacheDir: string, key: string, reload: () => Promise<FreshSpec>): CheckedSpec | undefined {
  const files = names(key);
  const summary = readCacheJson<Partial<StoredSummary>>(join(cacheDir, files.summary));
  if (!summary?.findings || !summary.inputs || typeof summary.draftKey !== 'string') return undefined;
  let fresh: Promise<FreshSpec> | undefined;
  const again = (): Promise<FreshSpec> => (fresh ??= reload());
  let loaded: Promise<LoadedSpec> | undefined;
  let draft: Promise<Catalog> | undefined;
  return {
    findings: summary.findings,
    inputs: summary.inputs,
    draftKey: summary.draftKey,
    loaded: () =>
      (loaded ??= (async () => {
        const stored = readCacheJson<StoredLoaded>(join(cacheDir, files.loaded));
        return stored?.positions ? { ...stored, positions: new Map(stored.positions) } as LoadedSpec : (await again()).loaded;
      })()),
    draft: () => (draft ??= (async () => readCacheJson<Catalog>(join(cacheDir, files.draft)) ?? (await again()).draft)()),
  };
}

export function writeSpecCache(cacheDir: string, key: string, checked: CheckedSpec, fresh: FreshSpec): void {
  const files = names(key);
  const summary: StoredSummary = { findings: checked.findings, inputs: checked.inputs, draftKey: checked.draftKey };
  const loaded: StoredLoaded = { ...fresh.loaded, positions: [...fresh.loaded.positions] };
  // The summary last: an entry is only found once its parts are in place.
  writeCacheFiles(
    cacheDir,
    { [files.loaded]: JSON.stringify(loaded), [files.draft]: JSON.stringify(fresh.draft), [files.summary]: JSON.stringify(summary) },
    'spec-',
    KEEP * FILES_PER_ENTRY,
  );
}
