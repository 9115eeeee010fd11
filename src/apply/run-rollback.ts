/**
 * `schema apply --rollback NNN`: runs `rollback_NNN.sql` for NNN and every later applied migration,
 * newest first (`--only`: NNN alone), removing each history row with the rollback's last step.
 */
import { connect } from '../db/index.js';
import { pad } from '../migrations/index.js';
import { OperationError } from '../util/findings.js';
import { readMigrationsDir, type MigrationFile } from './files.js';
import { readHistory, removeApplied, type HistoryRow } from './history.js';
import { openSession } from './session.js';
import { parseAll, runFile, type TimeoutOptions } from './step.js';

export interface RollbackOptions extends TimeoutOptions {
  readonly dbUrl: string;
  readonly migrationsDir: string;
  readonly version: number;
  readonly only: boolean;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly waitSeconds: number;
  readonly leaseTtlSeconds: number;
  readonly progress: (message: string) => void;
}

export interface RolledBack {
  readonly version: number;
  readonly name: string;
  readonly durationMs: number;
}

export interface RollbackResult {
  readonly dryRun: boolean;
  readonly migrations: readonly RolledBack[];
}

interface Target {
  readonly row: HistoryRow;
  readonly file: MigrationFile;
  readonly rollback: NonNullable<MigrationFile['rollback']>;
}

/** Which rollbacks run, newest first; refuses when one is missing. Pure. */
export function rollbackTargets(files: readonly MigrationFile[], history: readonly HistoryRow[], version: number, only: boolean): Target[] {
  if (!history.some((row) => row.version === version)) {
    const applied = history.map((row) => pad(row.version)).join(', ') || 'none';
    throw new OperationError(`migration ${pad(version)} is not applied (applied: ${applied}); nothing to roll back`);
  }
  const rows = history.filter((row) => (only ? row.version === version : row.version >= version)).sort((a, b) => b.version - a.version);
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const missing: string[] = [];
  const targets: Target[] = [];
  for (const row of rows) {
    const file = byVersion.get(row.version);
    if (!file?.rollback) {
      missing.push(`  rollback_${pad(row.version)}.sql (for ${row.name}): not found`);
      continue;
    }
    targets.push({ row, file, rollback: file.rollback });
  }
  if (missing.length) throw new OperationError(`refusing to roll back:\n${missing.join('\n')}`);
  return targets;
}

/**
 * Refuses rollback files edited since their migration was applied (the recorded checksum differs),
 * unless --force, which runs them with a warning. Rows recorded before rollbacks were checksummed
 * are not checked.
 */
export function checkRollbackChecksums(targets: readonly Target[], force: boolean, progress: (message: string) => void): void {
  const changed = targets
    .filter((t) => t.row.rollbackChecksum !== null && t.row.rollbackChecksum !== t.rollback.checksum)
    .map((t) => `  ${t.rollback.file}: changed since ${t.row.name} was applied (checksum differs); restore the applied version, or pass --force to run it as it is now`);
  if (!changed.length) return;
  if (!force) throw new OperationError(`refusing to roll back:\n${changed.join('\n')}`);
  progress(`WARNING --force: running rollback files changed since they were applied:\n${changed.join('\n')}`);
}

function announce(targets: readonly Target[], history: readonly HistoryRow[], options: RollbackOptions): void {
  const names = targets.map((t) => `${t.rollback.file} (${t.row.name})`).join(', ');
  options.progress(`${options.dryRun ? 'would roll back' : 'rolling back'} ${targets.length} migration${targets.length === 1 ? '' : 's'}, newest first: ${names}`);
  if (options.only) {
    const later = history.filter((row) => row.version > options.version).map((row) => row.name);
    if (later.length) {
      options.progress(`WARNING --only: later migrations stay applied (${later.join(', ')}); they may depend on what ${pad(options.version)} created`);
    }
  }
}

export async function runRollback(options: RollbackOptions): Promise<RollbackResult> {
  const files = readMigrationsDir(options.migrationsDir);

  if (options.dryRun) {
    const db = connect(options.dbUrl, { max: 1, applicationName: 'schema apply' });
    try {
      const history = await readHistory(db);
      const targets = rollbackTargets(files, history, options.version, options.only);
      checkRollbackChecksums(targets, options.force, options.progress);
      await parseAll(targets.map((t) => t.rollback));
      announce(targets, history, options);
      return { dryRun: true, migrations: targets.map((t) => ({ version: t.row.version, name: t.row.name, durationMs: 0 })) };
    } finally {
      await db.close();
    }
  }

  const session = await openSession(options);
  try {
    const history = await readHistory(session.db);
    const targets = rollbackTargets(files, history, options.version, options.only);
    checkRollbackChecksums(targets, options.force, options.progress);
    const units = await parseAll(targets.map((t) => t.rollback));
    announce(targets, history, options);
    const done: RolledBack[] = [];
    for (const target of targets) {
      if (options.verbose) options.progress(`rolling back ${target.row.name} with ${target.rollback.file}`);
      const durationMs = await runFile(
        session,
        {
          file: target.rollback.file,
          sql: target.rollback.sql,
          header: target.rollback.header,
          marker: `rollback:${target.row.version}:${target.rollback.checksum}`,
          force: options.force,
          finalize: (tx) => removeApplied(tx, target.row.version),
        },
        units.get(target.rollback.file)!,
        options,
        options.progress,
      );
      options.progress(`rolled back ${target.row.name} in ${Math.round(durationMs)} ms`);
      done.push({ version: target.row.version, name: target.row.name, durationMs });
    }
    return { dryRun: false, migrations: done };
  } finally {
    await session.close();
  }
}
