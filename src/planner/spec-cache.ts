/**
 * Cache of the checked spec, keyed by the bytes of every spec file and the settings that affect
 * checking. A plan on an unchanged spec then skips parsing, validation and toCatalog entirely.
 * An entry is two files: the small part every plan needs (findings, inputs, the draft's hash), and
 * the draft, read only when a plan needs it. The spec with its positions is not stored: when a plan
 * needs it, the YAML is read again (each unchanged file from the parse cache, without parsing).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import type { Config } from '../config/index.js';
import type { LoadedSpec } from '../spec/types.js';
import { specFilePaths } from '../spec/files.js';
import { codeVersion } from '../version.js';
import { readCacheJson, writeCacheFiles } from './cache-files.js';
import type { CheckedSpec, FreshSpec } from './spec-types.js';

const KEEP = 4;
const FILES_PER_ENTRY = 2;

/** The key of a spec directory's content, or undefined when it cannot be read (loading reports why). */
export function specCacheKey(dir: string, config: Config): string | undefined {
  try {
    const hash = createHash('sha256');
    hash.update(JSON.stringify([codeVersion(), config.preset, config.exposed_schemas]));
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

const names = (key: string) => ({
  summary: `spec-${key}.json`,
  draft: `spec-${key}.draft.json`,
});

/**
 * The cached entry, or undefined on a miss. `load` reads the spec with its positions; should the
 * draft be gone or unreadable by the time it is needed, `reload` checks the spec afresh.
 */
export function readSpecCache(
  cacheDir: string,
  key: string,
  load: () => Promise<LoadedSpec>,
  reload: () => Promise<FreshSpec>,
): CheckedSpec | undefined {
  const files = names(key);
  const summary = readCacheJson<Partial<StoredSummary>>(join(cacheDir, files.summary));
  if (!summary?.findings || !summary.inputs || typeof summary.draftKey !== 'string') return undefined;
  let loaded: Promise<LoadedSpec> | undefined;
  let draft: Promise<Catalog> | undefined;
  return {
    findings: summary.findings,
    inputs: summary.inputs,
    draftKey: summary.draftKey,
    loaded: () => (loaded ??= load()),
    draft: () => (draft ??= (async () => readCacheJson<Catalog>(join(cacheDir, files.draft)) ?? (await reload()).draft)()),
  };
}

/** Writes an entry; `draftJson` is the draft Catalog as JSON. */
export function writeSpecCache(cacheDir: string, key: string, checked: CheckedSpec, draftJson: string): void {
  const files = names(key);
  const summary: StoredSummary = { findings: checked.findings, inputs: checked.inputs, draftKey: checked.draftKey };
  // The summary last: an entry is only found once its draft is in place.
  writeCacheFiles(
    cacheDir,
    { [files.draft]: draftJson, [files.summary]: JSON.stringify(summary) },
    'spec-',
    KEEP * FILES_PER_ENTRY,
  );
}
