/**
 * `schema apply`: check history against the files, take the lease, run each pending migration and
 * record it in the same transaction as its last transactional step.
 */
import { connect } from '../db/index.js';
import { OperationError } from '../util/findings.js';
import { readMigrationsDir, type MigrationFile } from './files.js';
import { readHistory, recordApplied } from './history.js';
import { applyProblems, formatProblems, migrationStatuses, pendingVersions, type Problem } from './preflight.js';
import { openSession } from './session.js';
import { parseAll, runFile, type TimeoutOptions } from './step.js';
import type { ExecutionUnit } from './units.js';

export interface ApplyOptions extends TimeoutOptions {
  readonly dbUrl: string;
  readonly migrationsDir: string;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly allowOutOfOrder: boolean;
  readonly waitSeconds: number;
  readonly leaseTtlSeconds: number;
  /** Progress lines (stderr). */
  readonly progress: (message: string) => void;
}

export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  readonly durationMs: number;
}

export interface ApplyResult {
  readonly dryRun: boolean;
  /** Applied now (or, in a dry run, that would be). */
  readonly migrations: readonly AppliedMigration[];
  /** Count of migrations already applied before this run. */
  readonly alreadyApplied: number;
  /** Refusals overridden with --force / --allow-out-of-order. */
  readonly overridden: readonly Problem[];
}

/** Refuses when problems remain after the overrides; returns the overridden ones. */
export function enforceProblems(problems: readonly Problem[], force: boolean, progress: (m: string) => void): Problem[] {
  if (problems.length === 0) return [];
  if (!force) {
    const overrides = [...new Set(problems.map((p) => p.override))].join(' or ');
    throw new OperationError(`refusing to apply:\n${formatProblems(problems)}\n(override with ${overrides} once you are sure)`);
  }
  progress(`WARNING --force: applying despite:\n${formatProblems(problems)}`);
  return [...problems];
}

function describeUnits(file: MigrationFile, units: readonly ExecutionUnit[]): string {
  const statements = units.reduce((n, u) => n + (u.kind === 'transaction' ? u.statements.length : 1), 0);
  const alone = units.filter((u) => u.kind === 'alone').length;
  const backfills = units.filter((u) => u.kind === 'backfill').length;
  const transactions = units.length - alone - backfills;
  const parts = [`${statements} statement${statements === 1 ? '' : 's'}`, `${transactions} transaction${transactions === 1 ? '' : 's'}`];
  if (alone) parts.push(`${alone} outside a transaction`);
  if (backfills) parts.push(`${backfills} batched backfill${backfills === 1 ? '' : 's'}`);
  return `${file.file} (${parts.join(', ')})`;
}

export async function runApply(options: ApplyOptions): Promise<ApplyResult> {
  const files = readMigrationsDir(options.migrationsDir);
  const allowOutOfOrder = options.allowOutOfOrder || options.force;
  const byVersion = new Map(files.map((f) => [f.version, f]));

  if (options.dryRun) {
    const db = connect(options.dbUrl, { max: 1, applicationName: 'schema apply' });
    try {
      const history = await readHistory(db);
      const statuses = migrationStatuses(files, history);
      const overridden = enforceProblems(applyProblems(statuses, { allowOutOfOrder }), options.force, options.progress);
      const pending = pendingVersions(statuses, { allowOutOfOrder }).map((v) => byVersion.get(v)!);
      const units = await parseAll(pending);
      for (const file of pending) options.progress(`would apply ${describeUnits(file, units.get(file.file)!)}`);
      return {
        dryRun: true,
        migrations: pending.map((f) => ({ version: f.version, name: f.name, durationMs: 0 })),
        alreadyApplied: history.length,
        overridden,
      };
    } finally {
      await db.close();
    }
  }

  const session = await openSession(options);
  try {
    // Read history only under the lease: another applier may have just finished.
    const history = await readHistory(session.db);
    const statuses = migrationStatuses(files, history);
    const overridden = enforceProblems(applyProblems(statuses, { allowOutOfOrder }), options.force, options.progress);
    const pending = pendingVersions(statuses, { allowOutOfOrder }).map((v) => byVersion.get(v)!);
    const units = await parseAll(pending);
    const applied: AppliedMigration[] = [];
    for (const file of pending) {
      if (options.verbose) options.progress(`applying ${describeUnits(file, units.get(file.file)!)}`);
      const durationMs = await runFile(
        session,
        {
          file: file.file,
          sql: file.sql,
          header: file.header,
          marker: `apply:${file.version}:${file.checksum}`,
          force: options.force,
          finalize: (tx, ms) => recordApplied(tx, { version: file.version, name: file.name, checksum: file.checksum, rollbackChecksum: file.rollback?.checksum ?? null, durationMs: ms }),
        },
        units.get(file.file)!,
        options,
        options.progress,
      );
      options.progress(`applied ${describeUnits(file, units.get(file.file)!)} in ${Math.round(durationMs)} ms`);
      applied.push({ version: file.version, name: file.name, durationMs });
    }
    return { dryRun: false, migrations: applied, alreadyApplied: history.length, overridden };
  } finally {
    await session.close();
  }
}
