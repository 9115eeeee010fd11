/**
 * The parsed YAML of each spec file, kept in `.schema/cache` by path and bytes, so a plan after an
 * edit parses only the files that changed. Entries for files no longer in the spec are dropped
 * when it is written back.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ParsedFileCache } from '../spec/index.js';
import type { SourcePosition } from '../spec/types.js';
import { codeVersion } from '../version.js';
import { readCacheJson, writeCacheFiles } from './cache-files.js';

const FILE = 'parsed-files.json';

/** A parsed file as stored: its value, and positions as [path, line, col] (the file is the entry's). */
interface StoredFile {
  readonly value: unknown;
  readonly positions: readonly (readonly [string, number, number])[];
}

interface Stored {
  readonly version: string;
  readonly files: Readonly<Record<string, StoredFile>>;
}

/** Whether JSON keeps the value as it is (YAML can also give non-finite numbers). */
function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    for (const key in value) if (!jsonSafe((value as Record<string, unknown>)[key])) return false;
    return true;
  }
  return false;
}

export interface FileBackedParseCache extends ParsedFileCache {
  /** Writes the entries used since it was opened, when any file was parsed anew. */
  save(): void;
}

export function openParseCache(cacheDir: string): FileBackedParseCache {
  const path = join(cacheDir, FILE);
  const stored = readCacheJson<Partial<Stored>>(path);
  const known = stored?.version === codeVersion() && stored.files ? stored.files : {};
  const used: Record<string, StoredFile> = {};
  let changed = false;
  const keyOf = (file: string, bytes: Uint8Array): string => createHash('sha256').update(file).update('\0').update(bytes).digest('hex').slice(0, 32);
  return {
    get(file, bytes) {
      const key = keyOf(file, bytes);
      const entry = known[key];
      if (!entry) return undefined;
      used[key] = entry;
      const positions = new Map<string, SourcePosition>();
      for (const [at, line, col] of entry.positions) positions.set(at, { file, line, col });
      return { value: entry.value, positions, findings: [] };
    },
    set(file, bytes, parsed) {
      if (!jsonSafe(parsed.value)) return;
      changed = true;
      used[keyOf(file, bytes)] = { value: parsed.value, positions: [...parsed.positions].map(([at, pos]) => [at, pos.line, pos.col] as const) };
    },
    save() {
      if (!changed && Object.keys(used).length === Object.keys(known).length) return;
      writeCacheFiles(cacheDir, { [FILE]: JSON.stringify({ version: codeVersion(), files: used } satisfies Stored) }, FILE, 1);
    },
  };
}
