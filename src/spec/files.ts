/** Which files make up a spec: every `.yaml`/`.yml` under a directory, hidden ones aside, sorted. */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Paths as `join(dir, relative)`; the directory must exist (the loader reports when it does not). */
export function specFilePaths(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(dir, relative(dir, join(e.parentPath, e.name))))
    .filter((path) => !relative(dir, path).split(/[\\/]/).some((part) => part.startsWith('.')))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
