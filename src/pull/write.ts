/** The I/O shell of `schema pull`: read the database's Catalog, write the YAML files. */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Db } from '../db/index.js';
import { introspect } from '../catalog/introspect/index.js';
import { isUnmanagedSchema } from '../catalog/scope.js';
import type { Catalog } from '../catalog/types.js';
import { InputError } from '../util/findings.js';
import { unmanagedFeatures, type UnmanagedFeature } from './unmanaged.js';

export interface PullResult {
  readonly catalog: Catalog;
  readonly schemas: readonly string[];
  /** What the schemas hold that the spec cannot express: the caller warns about each. */
  readonly unmanaged: readonly UnmanagedFeature[];
}

/**
 * Introspects the schemas to pull: `schemas` when given, else every schema of the database but the
 * platform's and the tool's own. Every installed extension (but plpgsql) is included wherever it lives.
 */
export async function pullDatabase(db: Db, schemas?: readonly string[], options: { parallel?: number } = {}): Promise<PullResult> {
  const rows = await db.query<{ name: string }>(`SELECT nspname AS name FROM pg_catalog.pg_namespace ORDER BY 1`);
  const existing = rows.map((row) => row.name);
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
  const extensions = await db.query<{ name: string }>(
    `SELECT extname AS name FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`,
  );
  const catalog = await introspect(db, { schemas: scope, extensions: extensions.map((row) => row.name) }, { parallel: options.parallel });
  const unmanaged = await unmanagedFeatures(db, scope);
  return { catalog, schemas: scope, unmanaged };
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
  const written = new Set([...files.keys()].map((file) => join(dir, file)));
  for (const path of present) {
    if (/\.ya?ml$/.test(path) && !written.has(path)) rmSync(path);
  }
  for (const folder of new Set([...written].map((path) => dirname(path)))) mkdirSync(folder, { recursive: true });
  const entries = [...files];
  const BATCH = 64;
  for (let i = 0; i < entries.length; i += BATCH) {
    await Promise.all(entries.slice(i, i + BATCH).map(([file, text]) => writeFile(join(dir, file), text)));
  }
  return [...files.keys()];
}
