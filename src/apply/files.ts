/** The migrations directory as the runner sees it: forward files, their rollbacks, checksums, headers. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseForwardName, parseHeader, parseRollbackName, rollbackFileName, type MigrationHeader } from '../migrations/index.js';
import { entryKind } from '../util/files.js';
import { InputError } from '../util/findings.js';

export interface MigrationFile {
  readonly version: number;
  /** `003_add_notifications` */
  readonly name: string;
  /** `003_add_notifications.sql` */
  readonly file: string;
  readonly path: string;
  readonly sql: string;
  /** sha256 hex of the content, line endings normalized to LF. */
  readonly checksum: string;
  readonly header?: MigrationHeader;
  readonly rollback?: {
    readonly file: string;
    readonly path: string;
    readonly sql: string;
    readonly checksum: string;
    readonly header?: MigrationHeader;
  };
}

export function checksumOf(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/** Reads every `NNN_slug.sql` with its `rollback_NNN.sql`, sorted by version. */
export function readMigrationsDir(dir: string): MigrationFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(`${dir}: no migrations directory; pass --migrations DIR or set migrations in schema.config.yaml`);
  }
  // Links are followed (as lint follows them); a link to nothing is refused, naming it.
  const names = readdirSync(dir)
    .filter((file) => (parseForwardName(file) || parseRollbackName(file) !== undefined ? entryKind(join(dir, file)) === 'file' : false))
    .sort();
  const rollbacks = new Map<number, string>();
  for (const file of names) {
    const version = parseRollbackName(file);
    if (version !== undefined) rollbacks.set(version, file);
  }
  const byVersion = new Map<number, string>();
  const files: MigrationFile[] = [];
  for (const file of names) {
    const parsed = parseForwardName(file);
    if (!parsed) continue;
    const other = byVersion.get(parsed.version);
    if (other) {
      throw new InputError(`${join(dir, file)}: number ${parsed.version} is also used by ${other}; renumber one of them`);
    }
    byVersion.set(parsed.version, file);
    const path = join(dir, file);
    const sql = readFileSync(path, 'utf8');
    const rollbackFile = rollbacks.get(parsed.version);
    const rollbackPath = rollbackFile ? join(dir, rollbackFile) : undefined;
    const rollbackSql = rollbackPath ? readFileSync(rollbackPath, 'utf8') : undefined;
    files.push({
      version: parsed.version,
      name: parsed.name,
      file,
      path,
      sql,
      checksum: checksumOf(sql),
      header: parseHeader(sql),
      rollback:
        rollbackFile && rollbackPath && rollbackSql !== undefined
          ? { file: rollbackFile, path: rollbackPath, sql: rollbackSql, checksum: checksumOf(rollbackSql), header: parseHeader(rollbackSql) }
          : undefined,
    });
  }
  return files.sort((a, b) => a.version - b.version);
}

export { rollbackFileName };
