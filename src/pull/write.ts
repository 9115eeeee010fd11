/** The I/O shell of `schema pull`: read the database's Catalog, write the YAML files. */
import { GLOBAL_DEFAULTS } from '../catalog/global-defaults.js';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Db } from '../db/index.js';
import { introspectWith } from '../catalog/introspect/index.js';
import { ALL_PLATFORM_ITEMS, isUnmanagedSchema } from '../catalog/scope.js';
import type { Catalog } from '../catalog/types.js';
import { InputError } from '../util/findings.js';
import { unmanagedOf, unmanagedQuery, type UnmanagedFeature } from './unmanaged.js';

export interface PullResult {
  /** In canonical key order, as introspection reads it. */
  readonly catalog: Catalog;
  readonly schemas: readonly string[];
  /** What the schemas hold that the spec cannot express: the caller warns about each. */
  readonly unmanaged: readonly UnmanagedFeature[];
}

/**
 * Introspects the schemas to pull: `schemas` when given, else every schema of the database but the
 * platform's and the tool's own. Every installed extension (but plpgsql) is included wherever it lives.
 */
export async function pullDatabase(db: Db, schemas?: readonly string[]): Promise<PullResult> {
  const [row] = await db.query<{ schemas: string[]; extensions: string[] }>(
    `SELECT array(SELECT nspname::text FROM pg_catalog.pg_namespace ORDER BY 1) AS schemas,
            array(SELECT extname::text FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' ORDER BY 1) AS extensions`,
  );
  const existing = row?.schemas ?? [];
  let scope: string[];
  if (schemas && schemas.length > 0) {
    const missing = schemas.filter((name) => !existing.includes(name));
    if (missing.length > 0) {
      throw new InputError(`schema(s) ${missing.join(', ')} do not exist in the database; check --schemas`);
    }
    scope = [...new Set(schemas)].sort();
  } else {
    scope = existing.filter((name) => !isUnmanagedSchema(name));
  }
  // The unmanaged-feature scan is read with the catalog, in its snapshot.
  const { catalog, extra } = await introspectWith(db, { schemas: scope, extensions: row?.extensions ?? [], platform: ALL_PLATFORM_ITEMS, defaultPrivileges: [GLOBAL_DEFAULTS, ...scope], owners: true }, [
    { name: 'unmanaged', sql: unmanagedQuery() },
  ]);
  return { catalog, schemas: scope, unmanaged: unmanagedOf(extra['unmanaged'] ?? []) };
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

/**
 * Writes the files under `dir`. A directory that already holds files is refused unless `force`;
 * with `force`, YAML files of an earlier pull that the new one does not write are removed.
 */
export async function writePulled(dir: string, files: ReadonlyMap<string, string>, force: boolean): Promise<string[]> {
  const present = listFiles(dir);
  if (present.length > 0 && !force) {
    throw new InputError(`${dir} is not empty (${present.length} file(s)); pull into an empty directory, or pass --force to overwrite`);
  }
  // The files' names are relative paths of plain parts (`tables/public.items.yaml`): each is the
  // directory's path, a separator and the name, without normalizing a thousand paths.
  const root = join(dir, sep);
  const paths = [...files.keys()].map((file) => root + file);
  if (present.length > 0) {
    const written = new Set(paths);
    for (const path of present) {
      if (/\.ya?ml$/.test(path) && !written.has(path)) rmSync(path);
    }
  }
  const folders = new Set<string>([dir]);
  for (const file of files.keys()) {
    const slash = file.lastIndexOf('/');
    if (slash > 0) folders.add(root + file.slice(0, slash));
  }
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  // Synchronous writes: for a thousand small files, fewer round trips through the thread pool than
  // promise-based writes (measured ~15 ms against ~50 ms for 1,000 files).
  let i = 0;
  for (const text of files.values()) writeFileSync(paths[i++]!, text);
  return [...files.keys()];
}
