/**
 * Files on disk against history in the database: the state of every migration, and what stops an
 * apply before it runs anything. Pure.
 */
import { rollbackFileName } from '../migrations/index.js';
import type { MigrationFile } from './files.js';
import type { HistoryRow } from './history.js';

export type MigrationState = 'applied' | 'pending' | 'modified' | 'missing' | 'out of order';

export interface MigrationStatus {
  readonly version: number;
  readonly name: string;
  readonly state: MigrationState;
  /** Present when the file exists. */
  readonly file?: string;
  readonly appliedAt?: string;
  readonly durationMs?: number;
  readonly hasRollback: boolean;
  /**
   * For an applied migration whose rollback checksum was recorded: `changed` when the rollback file
   * differs from the one applied with it, `gone` when it was deleted since.
   */
  readonly rollbackState?: 'changed' | 'gone';
}

export function migrationStatuses(files: readonly MigrationFile[], history: readonly HistoryRow[]): MigrationStatus[] {
  const applied = new Map(history.map((row) => [row.version, row]));
  const onDisk = new Map(files.map((file) => [file.version, file]));
  const highestApplied = history.reduce((max, row) => Math.max(max, row.version), 0);
  const versions = [...new Set([...applied.keys(), ...onDisk.keys()])].sort((a, b) => a - b);
  return versions.map((version): MigrationStatus => {
    const row = applied.get(version);
    const file = onDisk.get(version);
    const hasRollback = file?.rollback !== undefined;
    if (row && !file) {
      return { version, name: row.name, state: 'missing', appliedAt: row.appliedAt, durationMs: row.durationMs, hasRollback };
    }
    if (row && file) {
      const state = row.checksum === file.checksum ? 'applied' : 'modified';
      const rollbackState = row.rollbackChecksum === null ? undefined : !file.rollback ? 'gone' : file.rollback.checksum === row.rollbackChecksum ? undefined : 'changed';
      return {
        version,
        name: file.name,
        file: file.file,
        state,
        appliedAt: row.appliedAt,
        durationMs: row.durationMs,
        hasRollback,
        ...(rollbackState ? { rollbackState } : {}),
      };
    }
    const state = version < highestApplied ? 'out of order' : 'pending';
    return { version, name: file!.name, file: file!.file, state, hasRollback };
  });
}

export interface Problem {
  readonly file: string;
  readonly reason: string;
  /** The flag that overrides it. */
  readonly override: '--force' | '--allow-out-of-order';
}

export interface ProblemOptions {
  readonly allowOutOfOrder: boolean;
}

/** Why an apply must not start; empty when it may. */
export function applyProblems(statuses: readonly MigrationStatus[], options: ProblemOptions): Problem[] {
  const problems: Problem[] = [];
  const highestApplied = statuses.filter((s) => s.appliedAt !== undefined).reduce((max, s) => Math.max(max, s.version), 0);
  for (const status of statuses) {
    const file = status.file ?? `${status.name}.sql`;
    switch (status.state) {
      case 'modified':
        problems.push({ file, reason: 'was applied, and its content has changed since (checksum differs); restore the applied version and put the change in a new migration', override: '--force' });
        break;
      case 'missing':
        problems.push({ file, reason: `was applied (version ${status.version}) but the file is gone; restore it from version control`, override: '--force' });
        break;
      case 'out of order':
        if (!options.allowOutOfOrder) {
          problems.push({
            file,
            reason: `is pending but numbered below the applied ${String(highestApplied).padStart(3, '0')}; renumber it after the highest applied migration, or pass --allow-out-of-order`,
            override: '--allow-out-of-order',
          });
        }
        break;
      default:
        break;
    }
    const rollbackProblem = rollbackStateProblem(status);
    if (rollbackProblem) problems.push({ file: rollbackFileName(status.version), reason: rollbackProblem, override: '--force' });
    if ((status.state === 'pending' || status.state === 'out of order') && !status.hasRollback) {
      problems.push({ file, reason: `has no rollback file (${rollbackFileName(status.version)}); write one`, override: '--force' });
    }
  }
  return problems;
}

/** Why an applied migration's rollback file is not the one applied with it; undefined when it is. */
export function rollbackStateProblem(status: MigrationStatus): string | undefined {
  switch (status.rollbackState) {
    case undefined:
      return undefined;
    case 'changed':
      return `changed since ${status.name} was applied (checksum differs); restore the applied version (a rollback fix goes into a new migration), or pass --force`;
    case 'gone':
      return `was recorded when ${status.name} was applied, and the file is gone; restore it from version control`;
  }
}

/** `rollback_NNN.sql: ...` lines for every applied migration whose rollback file differs from history. */
export function rollbackStateLines(statuses: readonly MigrationStatus[]): string[] {
  return statuses.flatMap((status) => {
    const problem = rollbackStateProblem(status);
    return problem ? [`${rollbackFileName(status.version)}: ${problem}`] : [];
  });
}

/** The migrations an apply runs, in order. */
export function pendingVersions(statuses: readonly MigrationStatus[], options: ProblemOptions): number[] {
  return statuses
    .filter((s) => s.state === 'pending' || (s.state === 'out of order' && options.allowOutOfOrder))
    .map((s) => s.version);
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  ${p.file}: ${p.reason}`).join('\n');
}
