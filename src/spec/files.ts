/** Which files make up a spec: every `.yaml`/`.yml` under a directory, hidden ones aside, sorted. */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { direntKind } from '../util/files.js';
import { InputError } from '../util/findings.js';

/**
 * Paths as `join(dir, relative)`; the directory must exist (the loader reports when it does not).
 * A symbolic link to a YAML file counts as that file; a link to a directory is refused (its files
 * would otherwise vanish from the spec, and plan would propose dropping their tables).
 */
export function specFilePaths(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => {
      if (!/\.ya?ml$/i.test(e.name) && !e.isSymbolicLink()) return false;
      const kind = direntKind(e.parentPath, e);
      if (kind === 'directory' && e.isSymbolicLink()) {
        throw new InputError(`${join(e.parentPath, e.name)}: a symbolic link to a directory, which the spec does not follow; link its files instead`);
      }
      return kind === 'file' && /\.ya?ml$/i.test(e.name);
    })
    .map((e) => join(dir, relative(dir, join(e.parentPath, e.name))))
    .filter((path) => !relative(dir, path).split(/[\\/]/).some((part) => part.startsWith('.')))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
