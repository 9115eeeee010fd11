/**
 * The files of `.schema/cache`: JSON entries read back when present and whole, written with the
 * oldest entries of their kind pruned. The cache is an optimization: a corrupt entry reads as absent,
 * and a directory that cannot be written only costs time.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function readCacheJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes `files` (name -> text) into `dir`, then keeps only the `keep` newest files named `prefix*`. */
export function writeCacheFiles(dir: string, files: Readonly<Record<string, string>>, prefix: string, keep: number): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const entries = readdirSync(dir)
      .filter((name) => name.startsWith(prefix))
      .map((name) => ({ name, time: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const old of entries.slice(keep)) rmSync(join(dir, old.name), { force: true });
  } catch {
    // read-only or full: plans still work, only slower
  }
}
