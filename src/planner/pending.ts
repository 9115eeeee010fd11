/**
 * A plan is a diff against the live database, so migrations already written but not yet applied to
 * it would be planned a second time. `plan` refuses until they are applied (or baselined).
 */
import { existsSync } from 'node:fs';
import { readMigrationsDir } from '../apply/files.js';
import { readHistory } from '../apply/history.js';
import { migrationStatuses } from '../apply/preflight.js';
import type { Queryable } from '../db/index.js';
import { OperationError } from '../util/findings.js';

export async function refusePendingMigrations(db: Queryable, migrationsDir: string): Promise<void> {
  if (!existsSync(migrationsDir)) return;
  const files = readMigrationsDir(migrationsDir);
  if (files.length === 0) return;
  const statuses = migrationStatuses(files, await readHistory(db));
  const pending = statuses.filter((s) => s.state === 'pending' || s.state === 'out of order');
  if (pending.length === 0) return;
  const list = pending.map((s) => s.file ?? `${s.version}`).join(', ');
  throw new OperationError(
    `${pending.length} migration(s) in ${migrationsDir} are not applied to this database (${list}); ` +
      `a plan now would repeat them. Run \`schema apply\` first, or \`schema baseline --through NNN\` when the database already has them`,
  );
}
