/** `schema status`: every migration's state from files and history, rendered as a table or JSON. */
import { existsSync } from 'node:fs';
import { connect } from '../db/index.js';
import { pad } from '../migrations/index.js';
import { readMigrationsDir, type MigrationFile } from './files.js';
import { readHistory } from './history.js';
import { migrationStatuses, type MigrationStatus } from './preflight.js';

export interface StatusReport {
  readonly migrations: readonly MigrationStatus[];
  /** false when the migrations directory does not exist (only history is listed). */
  readonly migrationsDirFound: boolean;
}

export async function readStatus(options: { dbUrl: string; migrationsDir: string }): Promise<StatusReport> {
  const found = existsSync(options.migrationsDir);
  const files: MigrationFile[] = found ? readMigrationsDir(options.migrationsDir) : [];
  const db = connect(options.dbUrl, { max: 1, applicationName: 'schema status' });
  try {
    const history = await readHistory(db);
    return { migrations: migrationStatuses(files, history), migrationsDirFound: found };
  } finally {
    await db.close();
  }
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
    m.state,
    m.appliedAt ?? '-',
    m.durationMs === undefined ? '-' : `${m.durationMs} ms`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out: string[] = [];
  if (rows.length === 0) out.push('no migrations');
  else out.push(line(header), ...rows.map(line));
  const counts = new Map<string, number>();
  for (const m of report.migrations) counts.set(m.state, (counts.get(m.state) ?? 0) + 1);
  if (rows.length) out.push('', [...counts].map(([state, n]) => `${n} ${state}`).join(', '));
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
        state: m.state,
        file: m.file ?? null,
        applied_at: m.appliedAt ?? null,
        duration_ms: m.durationMs ?? null,
        has_rollback: m.hasRollback,
      })),
      drift: drift ?? null,
    },
    null,
    2,
  );
}
