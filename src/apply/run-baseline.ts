/**
 * `schema baseline --through NNN`: records files up to NNN as applied without running them, for a
 * database built before this runner. Where a header records a post-state, the live database must match it.
 */
import { liveStateHash, pad } from '../migrations/index.js';
import { OperationError } from '../util/findings.js';
import { readMigrationsDir } from './files.js';
import { readHistory, recordApplied } from './history.js';
import { openSession } from './session.js';

export interface BaselineOptions {
  readonly dbUrl: string;
  readonly migrationsDir: string;
  readonly through: number;
  readonly force: boolean;
  readonly waitSeconds: number;
  readonly leaseTtlSeconds: number;
  readonly progress: (message: string) => void;
}

export interface BaselineResult {
  /** Newly recorded versions. */
  readonly recorded: readonly { version: number; name: string }[];
  /** Already in history with the same checksum. */
  readonly alreadyRecorded: number;
}

export async function runBaseline(options: BaselineOptions): Promise<BaselineResult> {
  const files = readMigrationsDir(options.migrationsDir).filter((f) => f.version <= options.through);
  if (!files.some((f) => f.version === options.through)) {
    throw new OperationError(`no migration numbered ${pad(options.through)} in ${options.migrationsDir}; pass --through with an existing number`);
  }
  const session = await openSession(options);
  try {
    const history = new Map((await readHistory(session.db)).map((row) => [row.version, row]));
    const changed = files.filter((f) => history.has(f.version) && history.get(f.version)!.checksum !== f.checksum);
    if (changed.length) {
      const list = changed.map((f) => `  ${f.file}: already recorded with another checksum (the file changed since it was applied)`).join('\n');
      if (!options.force) throw new OperationError(`refusing to baseline:\n${list}\n(override with --force once you are sure)`);
      options.progress(`WARNING --force: re-recording despite:\n${list}`);
    }
    const todo = files.filter((f) => !history.has(f.version) || history.get(f.version)!.checksum !== f.checksum);
    // The newest file that records its post-state tells what the database must look like now.
    const witness = [...files].reverse().find((f) => f.header?.postState);
    if (witness?.header && todo.length) {
      const live = await liveStateHash(session.db, witness.header);
      if (live !== witness.header.postState) {
        const message =
          `${witness.file}: the database does not match this file's post-state (header ${witness.header.postState}, live ${live}); ` +
          'it was not built by these migrations, or has drifted. Apply the missing changes first, or pass --force';
        if (!options.force) throw new OperationError(message);
        options.progress(`WARNING --force: ${message}`);
      } else {
        options.progress(`${witness.file}: the database matches its post-state`);
      }
    } else if (todo.length) {
      options.progress('no file up to this number records a post-state (hand-written files): recording without a state check');
    }
    await session.db.transaction(async (tx) => {
      await session.guard(tx);
      for (const f of todo) {
        await recordApplied(tx, { version: f.version, name: f.name, checksum: f.checksum, rollbackChecksum: f.rollback?.checksum ?? null, durationMs: 0 });
        options.progress(`recorded ${f.file} as applied (not run)`);
      }
    });
    return { recorded: todo.map((f) => ({ version: f.version, name: f.name })), alreadyRecorded: files.length - todo.length };
  } finally {
    await session.close();
  }
}
