/** `schema status`: every migration's state from files and history, rendered as a table or JSON. */
import { existsSync } from 'node:fs';
import { connect } from '../db/index.js';
import { pad } from '../migrations/index.js';
import { readMigrationsDir, type MigrationFile } from './files.js';
import { LEASE_TABLE, readHistory } from './history.js';
import { readInProgress, type InProgress } from './lease.js';
import { migrationStatuses, rollbackStateLines, type MigrationStatus } from './preflight.js';

export interface StatusReport {
  readonly migrations: readonly MigrationStatus[];
  /** false when the migrations directory does not exist (only history is listed). */
  readonly migrationsDirFound: boolean;
  /** A file an apply or rollback is running, or was running when it was interrupted. */
  readonly inProgress?: InProgress;
}

export async function readStatus(options: { dbUrl: string; migrationsDir: string }): Promise<StatusReport> {
  const found = existsSync(options.migrationsDir);
  const files: MigrationFile[] = found ? readMigrationsDir(options.migrationsDir) : [];
  const db = connect(options.dbUrl, { max: 1, applicationName: 'schema status' });
  try {
    const history = await readHistory(db);
    const inProgress = (await historyExistsOrLease(db)) ? await readInProgress(db) : undefined;
    return { migrations: migrationStatuses(files, history), migrationsDirFound: found, ...(inProgress ? { inProgress } : {}) };
  } finally {
    await db.close();
  }
}

/** Whether the lease table exists (any layout): status never creates it. */
async function historyExistsOrLease(db: { query: ReturnType<typeof connect>['query'] }): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>(`SELECT pg_catalog.to_regclass($1) IS NOT NULL AS ok`, [LEASE_TABLE]);
  return rows[0]?.ok === true;
}

/** The state shown for a migration: `in progress` for the one the lease marks. */
function shownState(report: StatusReport, m: MigrationStatus): string {
  const p = report.inProgress;
  if (p?.version !== m.version) return m.state;
  const marked = p.action === 'apply' ? m.state === 'pending' || m.state === 'out of order' : m.state === 'applied' || m.state === 'modified';
  return marked ? 'in progress' : m.state;
}

/** `002_x.sql: in progress since ... by host (process N)`, and what to do when it was interrupted. */
function inProgressLine(report: StatusReport): string | undefined {
  const p = report.inProgress;
  if (!p) return undefined;
  const m = report.migrations.find((s) => s.version === p.version);
  if (!m || shownState(report, m) !== 'in progress') return undefined;
  const file = p.action === 'rollback' ? `rollback_${pad(p.version)}.sql` : (m.file ?? `${m.name}.sql`);
  const who = p.host ? ` by ${p.host}` : '';
  const since = p.since ? ` since ${p.since}` : '';
  const stopped = p.holder === null || p.holderRunning === false;
  const process = p.pid === null ? '' : stopped ? ` (process ${p.pid}, no longer running: the run was interrupted; run ${p.action === 'apply' ? 'apply' : 'apply --rollback'} again to finish)` : ` (process ${p.pid})`;
  const lease = !stopped && p.leaseExpired ? '; its lease has expired: the run was interrupted, run apply again to finish' : '';
  return `${file}: in progress${since}${who}${process}${lease}`;
}

export type DriftSummary =
  | { readonly state: 'in-sync' }
  | { readonly state: 'drift'; readonly changes: readonly string[] }
  | { readonly state: 'unknown'; readonly reason: string }
  | { readonly state: 'no-schema'; readonly dir: string };

export function renderStatusText(report: StatusReport, drift: DriftSummary | undefined): string {
  const header = ['version', 'name', 'state', 'applied at', 'duration'];
  const rows = report.migrations.map((m) => [
    pad(m.version),
    m.name,
    shownState(report, m),
    m.appliedAt ?? '-',
    m.durationMs === undefined ? '-' : `${m.durationMs} ms`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out: string[] = [];
  if (rows.length === 0) out.push('no migrations');
  else out.push(line(header), ...rows.map(line));
  const counts = new Map<string, number>();
  for (const m of report.migrations) counts.set(shownState(report, m), (counts.get(shownState(report, m)) ?? 0) + 1);
  if (rows.length) out.push('', [...counts].map(([state, n]) => `${n} ${state}`).join(', '));
  const progress = inProgressLine(report);
  if (progress) out.push(progress);
  out.push(...rollbackStateLines(report.migrations));
  if (!report.migrationsDirFound) out.push('(no migrations directory; listing history only)');
  if (drift) out.push(renderDrift(drift));
  return out.join('\n');
}

export function renderDrift(drift: DriftSummary): string {
  switch (drift.state) {
    case 'in-sync':
      return 'drift: none (the database matches the YAML)';
    case 'drift':
      return [`drift: ${drift.changes.length} difference${drift.changes.length === 1 ? '' : 's'} between the database and the YAML`, ...drift.changes.map((c) => `  ${c}`)].join('\n');
    case 'unknown':
      return `drift: unknown (${drift.reason})`;
    case 'no-schema':
      return `drift: not checked (no YAML directory ${drift.dir})`;
  }
}

export function statusJson(report: StatusReport, drift: DriftSummary | undefined): string {
  return JSON.stringify(
    {
      migrations: report.migrations.map((m) => ({
        version: m.version,
        name: m.name,
        state: shownState(report, m),
        file: m.file ?? null,
        applied_at: m.appliedAt ?? null,
        duration_ms: m.durationMs ?? null,
        has_rollback: m.hasRollback,
        rollback_state: m.rollbackState ?? null,
        ...(shownState(report, m) === 'in progress' && report.inProgress
          ? {
              in_progress: {
                action: report.inProgress.action,
                since: report.inProgress.since,
                holder: report.inProgress.holder,
                host: report.inProgress.host,
                pid: report.inProgress.pid,
                holder_running: report.inProgress.holderRunning,
                lease_expired: report.inProgress.leaseExpired,
              },
            }
          : {}),
      })),
      drift: drift ?? null,
    },
    null,
    2,
  );
}
