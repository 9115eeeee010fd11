/**
 * What a directory entry is, symbolic links followed: lint, the spec loader and the runner read the
 * same set of files, a link to a file counts as that file, and a link to nothing is refused.
 */
import { readlinkSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './findings.js';

export type EntryKind = 'file' | 'directory' | 'other';

/** The kind of `path` with links followed; a link to nothing is an InputError naming it. */
export function entryKind(path: string): EntryKind {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let target = '?';
    try {
      target = readlinkSync(path);
    } catch {
      throw new InputError(`${path}: no such file`);
    }
    throw new InputError(`${path}: a symbolic link to ${target}, which does not exist; fix or remove the link`);
  }
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
}

/** The kind of a directory entry of `dir`, links followed (cheap for plain entries). */
export function direntKind(dir: string, entry: Dirent): EntryKind {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (entry.isSymbolicLink()) return entryKind(join(dir, entry.name));
  return 'other';
}
