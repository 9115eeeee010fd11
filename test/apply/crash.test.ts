/**
 * Crash safety: `schema apply` (and `--rollback`) SIGKILLed at random points of a multi-file plan
 * with transactional and concurrent steps, at least 200 times. After each kill, history never lists
 * a migration whose changes are absent; running the command again finishes, and the result equals
 * an uninterrupted run's catalog and history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogDifferences, catalogsEqual, introspect, type Catalog } from '../../src/catalog/index.js';
import type { Db } from '../../src/db/index.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { runApply, runRollback } from '../../src/apply/index.js';
import { project, spawnSchema } from './helpers.js';

const FILES = {
  '001_accounts.sql': `BEGIN;
CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
INSERT INTO accounts (id, email) SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 2000) g ON CONFLICT (id) DO NOTHING;
COMMIT;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_key ON accounts (email);
`,
  'rollback_001.sql': `DROP INDEX CONCURRENTLY IF EXISTS accounts_email_key;
DROP TABLE IF EXISTS accounts;
`,
  '002_orders.sql': `DO $$ BEGIN CREATE TYPE order_state AS ENUM ('new', 'paid'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, account_id bigint NOT NULL, state order_state NOT NULL DEFAULT 'new');
INSERT INTO orders (id, account_id) SELECT g, 1 + g % 2000 FROM generate_series(1, 2000) g ON CONFLICT (id) DO NOTHING;
DO $$ BEGIN
  ALTER TABLE orders ADD CONSTRAINT orders_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE NOT VALID;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
BEGIN;
ALTER TABLE orders VALIDATE CONSTRAINT orders_account_fk;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_account_idx ON orders (account_id);
`,
  'rollback_002.sql': `DROP INDEX CONCURRENTLY IF EXISTS orders_account_idx;
DROP TABLE IF EXISTS orders;
DROP TYPE IF EXISTS order_state;
`,
  '003_display_names.sql': `BEGIN;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS display_name text;
UPDATE accounts SET display_name = split_part(email, '@', 1) WHERE display_name IS NULL;
COMMIT;
ALTER TYPE order_state ADD VALUE IF NOT EXISTS 'shipped';
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_display_name_idx ON accounts (display_name);
COMMENT ON TABLE accounts IS 'customer accounts';
`,
  'rollback_003.sql': `DROP INDEX CONCURRENTLY IF EXISTS accounts_display_name_idx;
BEGIN;
COMMENT ON TABLE accounts IS NULL;
ALTER TABLE accounts DROP COLUMN IF EXISTS display_name;
COMMIT;
`,
  '004_audit.sql': `CREATE TABLE IF NOT EXISTS audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint REFERENCES accounts (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION touch_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
DROP TRIGGER IF EXISTS audit_touch ON audit;
CREATE TRIGGER audit_touch BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION touch_audit();
`,
  'rollback_004.sql': `DROP TABLE IF EXISTS audit;
DROP FUNCTION IF EXISTS touch_audit();
`,
};
const ALL = [1, 2, 3, 4];

/** Whether each migration's effects are (completely) present. */
async function effects(db: Db): Promise<Record<number, boolean>> {
  const rows = await db.query<{ m1: boolean; m2: boolean; m3: boolean; m4: boolean }>(`
    SELECT
      EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'accounts_email_key' AND i.indisvalid) AS m1,
      EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'orders_account_idx' AND i.indisvalid)
        AND EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_account_fk' AND convalidated) AS m2,
      coalesce(obj_description(to_regclass('public.accounts'), 'pg_class') = 'customer accounts', false)
        AND EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'accounts_display_name_idx' AND i.indisvalid) AS m3,
      EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_touch') AS m4`);
  const r = rows[0]!;
  return { 1: r.m1, 2: r.m2, 3: r.m3, 4: r.m4 };
}

async function historyVersions(db: Db): Promise<number[]> {
  const exists = await db.query<{ ok: boolean }>(`SELECT to_regclass('schema_migrations.history') IS NOT NULL AS ok`);
  if (!exists[0]?.ok) return [];
  return (await db.query<{ version: number }>(`SELECT version::int AS version FROM schema_migrations.history ORDER BY version`)).map((r) => r.version);
}

const catalogOf = (db: Db): Promise<Catalog> => introspect(db, { schemas: ['public'] });

interface RunOutcome {
  readonly killed: boolean;
  readonly code: number | null;
  /** From the first "applying"/"rolling back" line to exit. */
  readonly workMs: number;
}

/**
 * Runs the command; with `killAfterMs`, SIGKILLs it that long after it starts working (or after
 * spawn when `early`, to hit start-up: history creation, lease).
 */
function run(args: readonly string[], killAfterMs?: number, early = false): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawnSchema(args);
    let exited = false;
    let workStarted: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      if (timer || killAfterMs === undefined) return;
      timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, killAfterMs);
    };
    if (early) arm();
    child.stderr!.on('data', (chunk: Buffer) => {
      if (workStarted === undefined && /^(applying|rolling back) /m.test(chunk.toString())) {
        workStarted = performance.now();
        arm();
      }
    });
    child.stdout!.resume();
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      exited = true;
      if (timer) clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code, workMs: workStarted === undefined ? 0 : performance.now() - workStarted });
    });
  });
}

describe('crash safety', () => {
  const KILLS = Number(process.env['CRASH_KILLS'] ?? 200);
  const WORKERS = 4;
  let dir: string;
  let applied: Catalog;
  let empty: Catalog;
  let applyMs = 0;
  let rollbackMs = 0;
  const dbs: TestDatabase[] = [];

  const finishOptions = (url: string) => ({
    dbUrl: url,
    migrationsDir: dir,
    dryRun: false,
    force: false,
    waitSeconds: 30,
    leaseTtlSeconds: 2,
    lockTimeout: '5s',
    statementTimeout: '1min',
    progress: () => undefined,
  });

  const prepare = async (): Promise<TestDatabase> => {
    const t = await freshDatabase('crash');
    dbs.push(t);
    // A killed client's statement stops at once instead of running on and holding locks.
    await t.db.exec(`ALTER DATABASE ${t.name} SET client_connection_check_interval = '50ms'`);
    return t;
  };

  beforeAll(async () => {
    dir = project(FILES).dir;
    const reference = await prepare();
    empty = await catalogOf(reference.db);
    const first = await run(['apply', '--db', reference.url, '--migrations', dir, '--verbose']);
    expect(first.code).toBe(0);
    applyMs = first.workMs;
    applied = await catalogOf(reference.db);
    expect(Object.keys(applied.tables).sort()).toEqual(['public.accounts', 'public.audit', 'public.orders']);
    const back = await run(['apply', '--db', reference.url, '--migrations', dir, '--rollback', '1', '--verbose']);
    expect(back.code).toBe(0);
    rollbackMs = back.workMs;
    expect(catalogsEqual(await catalogOf(reference.db), empty)).toBe(true);
  });

  afterAll(async () => {
    await Promise.all(dbs.map((t) => t.drop()));
  });

  it(`survives ${KILLS} SIGKILLs at random points of apply and rollback`, async () => {
    let kills = 0;
    const stats = { apply: 0, rollback: 0, finishedBeforeKill: 0 };
    const worker = async (): Promise<void> => {
      const t = await prepare();
      // --verbose prints `applying ...` / `rolling back ...` when work starts: the kill timer starts there.
      const args = ['--db', t.url, '--migrations', dir, '--lease-ttl', '2', '--wait', '30', '--verbose'];
      while (kills < KILLS) {
        // Forward: kill, check the invariant, finish, compare.
        const early = Math.random() < 0.1;
        const applyKill = await run(['apply', ...args], Math.random() * (early ? 500 : applyMs), early);
        if (applyKill.killed) {
          kills++;
          stats.apply++;
        } else stats.finishedBeforeKill++;
        const present = await effects(t.db);
        const listed = await historyVersions(t.db);
        for (const v of listed) expect(present[v], `history lists ${v} but its changes are absent`).toBe(true);
        // Migrations whose last step is transactional are recorded atomically with it.
        for (const v of [3, 4]) expect(listed.includes(v), `changes of ${v} present but not in history`).toBe(present[v]);
        // Finishing runs in-process (same code as the command, without another process start-up).
        await runApply({ ...finishOptions(t.url), allowOutOfOrder: false });
        expect(await historyVersions(t.db)).toEqual(ALL);
        const after = await catalogOf(t.db);
        expect(catalogsEqual(after, applied), catalogDifferences(after, applied).join('\n')).toBe(true);

        // Backward: kill the rollback of everything, finish it, compare with the empty database.
        const backKill = await run(['apply', ...args, '--rollback', '1'], Math.random() * rollbackMs);
        if (backKill.killed) {
          kills++;
          stats.rollback++;
        } else stats.finishedBeforeKill++;
        if ((await historyVersions(t.db)).length > 0) {
          await runRollback({ ...finishOptions(t.url), version: 1, only: false });
        }
        expect(await historyVersions(t.db)).toEqual([]);
        const emptied = await catalogOf(t.db);
        expect(catalogsEqual(emptied, empty), catalogDifferences(emptied, empty).join('\n')).toBe(true);
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    // Most kills must land while work is under way, not after the command finished.
    expect(stats.apply).toBeGreaterThan(KILLS / 4);
    expect(stats.rollback).toBeGreaterThan(KILLS / 4);
  }, 240_000);
});
