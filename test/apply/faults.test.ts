/**
 * Faults during `schema apply`: the server restarted mid-apply, the applier's connection cut, a lock
 * held by another session, resource-exhaustion errors (temp_file_limit, statement_timeout). Each
 * time: exit 1 with a clear message and no stack trace, no half-applied migration (history agrees
 * with the catalog), and the next `apply` finishes.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isClosedSocketWrite } from '../../src/db/driver-guard.js';
import { connect, startEmbedded, stopEmbedded, type Db } from '../../src/db/index.js';
import type { CliResult } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { project, schema, spawnSchema } from './helpers.js';

/** Three migrations; the second holds a slow transaction (its marker line shows when it runs). */
const FILES = {
  '001_accounts.sql': `CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, email text NOT NULL);
INSERT INTO accounts SELECT g, 'u' || g FROM generate_series(1, 1000) g ON CONFLICT (id) DO NOTHING;
`,
  'rollback_001.sql': 'DROP TABLE IF EXISTS accounts;\n',
  '002_orders.sql': `BEGIN;
CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id));
INSERT INTO orders SELECT g, 1 + g % 1000 FROM generate_series(1, 5000) g ON CONFLICT (id) DO NOTHING;
SELECT pg_sleep(2) AS slow_step;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS order_count integer;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_account_idx ON orders (account_id);
`,
  'rollback_002.sql': 'DROP INDEX CONCURRENTLY IF EXISTS orders_account_idx;\nALTER TABLE accounts DROP COLUMN IF EXISTS order_count;\nDROP TABLE IF EXISTS orders;\n',
  '003_notes.sql': 'CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, body text);\n',
  'rollback_003.sql': 'DROP TABLE IF EXISTS notes;\n',
};

interface State {
  readonly history: number[];
  /** Which migrations' effects are present, completely. */
  readonly present: number[];
  /** Effects present only in part (a half-applied migration). */
  readonly partial: number[];
}

async function state(db: Db): Promise<State> {
  const [row] = await db.query<{ h: number[] | null; accounts: boolean; orders: boolean; col: boolean; idx: boolean; notes: boolean }>(`
    SELECT (SELECT array_agg(version::int ORDER BY version) FROM schema_migrations.history) AS h,
           to_regclass('public.accounts') IS NOT NULL AS accounts,
           to_regclass('public.orders') IS NOT NULL AS orders,
           EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('public.accounts') AND attname = 'order_count' AND NOT attisdropped) AS col,
           EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'orders_account_idx' AND i.indisvalid) AS idx,
           to_regclass('public.notes') IS NOT NULL AS notes`);
  const r = row!;
  const present: number[] = [];
  const partial: number[] = [];
  if (r.accounts) present.push(1);
  if (r.orders && r.col && r.idx) present.push(2);
  // The transaction of 002 is all or nothing; only its concurrent index may lag behind it.
  else if (r.orders !== r.col) partial.push(2);
  if (r.notes) present.push(3);
  return { history: (r.h ?? []).map(Number), present, partial };
}

/** History must never list a migration whose effects are absent, nor miss a finished one. */
function expectConsistent(s: State): void {
  expect(s.partial, 'a transaction was half-applied').toEqual([]);
  for (const v of s.history) expect(s.present, `history lists ${v} but its changes are absent`).toContain(v);
  // 001 and 003 end in a transaction, recorded atomically with it.
  for (const v of [1, 3]) expect(s.history.includes(v), `changes of ${v} present but not in history`).toBe(s.present.includes(v));
}

/** Exit 1, the reason on a `schema:` line, no stack trace, no "unexpected error". */
function expectCleanFailure(result: CliResult, reason: RegExp): void {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain('unexpected error');
  const line = result.stderr.split('\n').find((l) => l.startsWith('schema: '));
  expect(line, result.stderr).toBeDefined();
  expect(result.stderr).toMatch(reason);
}

/** Runs `apply`; once stderr matches `trigger`, runs `act` (the fault) while apply still runs. */
function applyWithFault(args: readonly string[], trigger: RegExp, act: () => Promise<void>): Promise<CliResult & { acted: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawnSchema(args);
    let stdout = '';
    let stderr = '';
    let acting: Promise<void> | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!acting && trigger.test(stderr)) acting = act();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const done = { code: code ?? (signal ? 128 : 1), stdout, stderr, acted: acting !== undefined };
      (acting ?? Promise.resolve()).then(() => resolve(done), reject);
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('the guard against the driver writing to a closed socket', () => {
  it("recognises the driver's deferred write on a closed socket, and nothing else", () => {
    const driver = new TypeError("Cannot read properties of null (reading 'write')");
    driver.stack = `${driver.message}\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    expect(isClosedSocketWrite(driver)).toBe(true);
    // The installed command line links the driver into dist/bundle/ (a chunk named by its hash).
    const linked = new TypeError("Cannot read properties of null (reading 'write')");
    linked.stack = `${linked.message}\n    at Immediate.nextWrite (file:///app/dist/bundle/chunk-VMQKZEUH.js:789:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    expect(isClosedSocketWrite(linked)).toBe(true);
    const elsewhere = new TypeError("Cannot read properties of null (reading 'write')");
    elsewhere.stack = `${elsewhere.message}\n    at Immediate.nextWrite (file:///app/node_modules/other/index.js:1:1)`;
    expect(isClosedSocketWrite(elsewhere)).toBe(false);
    const ours = new TypeError("Cannot read properties of null (reading 'write')");
    ours.stack = `${ours.message}\n    at writeReport (file:///app/dist/apply/report.js:3:1)`;
    expect(isClosedSocketWrite(ours)).toBe(false);
    expect(isClosedSocketWrite(new Error("Cannot read properties of null (reading 'write')"))).toBe(false);
    expect(isClosedSocketWrite('nextWrite postgres/src/connection.js')).toBe(false);
  });
});

describe('apply under faults', () => {
  const dbs: TestDatabase[] = [];
  const fresh = async (): Promise<TestDatabase> => {
    const t = await freshDatabase('fault');
    dbs.push(t);
    return t;
  };
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((t) => t.drop()));
  });

  describe('the server restarted mid-apply', () => {
    let dir: string;
    let url: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'schema-fault-pg-'));
      chmodSync(dir, 0o755); // the server runs as the postgres OS user when we are root
      url = (await startEmbedded({ dataDir: join(dir, 'db'), version: 15 })).url;
    }, 120_000);
    afterAll(async () => {
      await stopEmbedded(join(dir, 'db'));
      rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    it('exits 1 with a clear line, leaves no half-applied migration, and the next apply finishes', async () => {
      const p = project(FILES);
      // --verbose prints each statement as it starts: the fault waits for the slow one.
      const args = ['apply', '--db', url, '--migrations', p.dir, '--lease-ttl', '5', '--verbose'];
      let restartedPort = 0;
      const faulted = await applyWithFault(args, /slow_step/, async () => {
        await sleep(300);
        await stopEmbedded(join(dir, 'db'));
        restartedPort = (await startEmbedded({ dataDir: join(dir, 'db'), version: 15 })).port;
      });
      expect(faulted.acted).toBe(true);
      expect(restartedPort).toBe(Number(new URL(url).port));
      expectCleanFailure(faulted, /shut down|terminat|connection/);
      // The line says which file was interrupted, and that running apply again finishes it.
      expect(faulted.stderr).toMatch(/^schema: 002_orders\.sql: interrupted: .*run (apply|the command) again/m);
      const db = connect(url, { max: 1 });
      try {
        const after = await state(db);
        expectConsistent(after);
        expect(after.history).toEqual([1]);
        const again = await schema(args);
        expect(again.code, again.stderr).toBe(0);
        const done = await state(db);
        expect(done).toEqual({ history: [1, 2, 3], present: [1, 2, 3], partial: [] });
      } finally {
        await db.close();
      }
    }, 60_000);
  });

  it("the applier's connection cut (pg_terminate_backend) mid-step: exit 1, nothing half-applied, the next apply finishes", async () => {
    const t = await fresh();
    const p = project(FILES);
    // --verbose prints each statement as it starts: the fault waits for the slow one.
    const args = ['apply', '--db', t.url, '--migrations', p.dir, '--lease-ttl', '5', '--verbose'];
    let killed = 0;
    const faulted = await applyWithFault(args, /slow_step/, async () => {
      for (let i = 0; i < 50 && killed === 0; i++) {
        const rows = await t.db.query<{ ok: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'schema apply' AND query LIKE '%pg_sleep%'`,
        );
        killed = rows.filter((r) => r.ok).length;
        if (killed === 0) await sleep(50);
      }
    });
    expect(killed).toBe(1);
    expectCleanFailure(faulted, /terminat|shut down|connection/);
    expect(faulted.stderr).toMatch(/^schema: 002_orders\.sql: interrupted: .*run (apply|the command) again/m);
    const after = await state(t.db);
    expectConsistent(after);
    expect(after.history).toEqual([1]);
    const again = await schema(args);
    expect(again.code, again.stderr).toBe(0);
    expect(await state(t.db)).toEqual({ history: [1, 2, 3], present: [1, 2, 3], partial: [] });
  }, 60_000);

  describe('a lock held by another session', () => {
    const LOCKED = {
      '001_locked.sql': 'CREATE TABLE IF NOT EXISTS locked (id int);\n',
      'rollback_001.sql': 'DROP TABLE IF EXISTS locked;\n',
      '002_alter_locked.sql': 'BEGIN;\nCREATE TABLE IF NOT EXISTS side (id int);\nALTER TABLE locked ADD COLUMN IF NOT EXISTS note text;\nCOMMIT;\n',
      'rollback_002.sql': 'ALTER TABLE locked DROP COLUMN IF EXISTS note;\nDROP TABLE IF EXISTS side;\n',
    };
    const shape = async (db: Db): Promise<{ history: number[]; side: boolean; note: boolean }> => {
      const [r] = await db.query<{ h: number[] | null; side: boolean; note: boolean }>(`
        SELECT (SELECT array_agg(version::int ORDER BY version) FROM schema_migrations.history) AS h,
               to_regclass('public.side') IS NOT NULL AS side,
               EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.locked'::regclass AND attname = 'note') AS note`);
      return { history: (r!.h ?? []).map(Number), side: r!.side, note: r!.note };
    };

    it('retries with doubling backoff up to the limit, then names the statement; nothing half-applied', async () => {
      const t = await fresh();
      const p = project({ '001_locked.sql': LOCKED['001_locked.sql'], 'rollback_001.sql': LOCKED['rollback_001.sql'] });
      const args = ['apply', '--db', t.url, '--migrations', p.dir, '--lock-timeout', '150ms', '--lock-retries', '3'];
      expect((await schema(args)).code).toBe(0);
      p.write('002_alter_locked.sql', LOCKED['002_alter_locked.sql']);
      p.write('rollback_002.sql', LOCKED['rollback_002.sql']);
      const started = performance.now();
      const result = await t.db.transaction(async (tx) => {
        await tx.exec('LOCK TABLE locked IN ACCESS SHARE MODE');
        return schema(args);
      });
      const elapsed = performance.now() - started;
      expectCleanFailure(result, /canceling statement due to lock timeout \[55P03\]/);
      expect(result.stderr).toContain('002_alter_locked.sql:3: lock_timeout; retry 1/3 in 500 ms');
      expect(result.stderr).toContain('002_alter_locked.sql:3: lock_timeout; retry 2/3 in 1000 ms');
      expect(result.stderr).toContain('002_alter_locked.sql:3: lock_timeout; retry 3/3 in 2000 ms');
      expect(result.stderr).not.toContain('retry 4/');
      // The failure names the statement and its line.
      expect(result.stderr).toContain('002_alter_locked.sql:3: statement failed');
      expect(result.stderr).toContain('ALTER TABLE locked ADD COLUMN IF NOT EXISTS note text');
      // 4 attempts, 0.5 + 1 + 2 s of backoff between them.
      expect(elapsed).toBeGreaterThan(3500);
      expect(await shape(t.db)).toEqual({ history: [1], side: false, note: false });
      const again = await schema(args);
      expect(again.code, again.stderr).toBe(0);
      expect(await shape(t.db)).toEqual({ history: [1, 2], side: true, note: true });
    }, 60_000);

    it('a lock released during the retries lets the step finish', async () => {
      const t = await fresh();
      const p = project(LOCKED);
      const args = ['apply', '--db', t.url, '--migrations', p.dir, '--lock-timeout', '150ms', '--lock-retries', '3'];
      const holder = connect(t.url, { max: 1 });
      try {
        let release: () => void = () => undefined;
        const released = new Promise<void>((r) => (release = r));
        await holder.exec('CREATE TABLE IF NOT EXISTS locked (id int)');
        const holding = holder.transaction(async (tx) => {
          await tx.exec('LOCK TABLE locked IN ACCESS SHARE MODE');
          await released;
        });
        const result = await applyWithFault(args, /retry 1\/3/, async () => release());
        await holding;
        expect(result.acted).toBe(true);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toContain('lock_timeout; retry 1/3');
        expect(result.stderr).not.toContain('retry 3/3');
        expect(await shape(t.db)).toEqual({ history: [1, 2], side: true, note: true });
      } finally {
        await holder.close();
      }
    }, 60_000);
  });

  describe('resource exhaustion', () => {
    const BIG = {
      '001_events.sql': `CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, payload text NOT NULL);
INSERT INTO events SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 200000) g ON CONFLICT (id) DO NOTHING;
`,
      'rollback_001.sql': 'DROP TABLE IF EXISTS events;\n',
      '002_sorted.sql': `BEGIN;
CREATE TABLE IF NOT EXISTS events_sorted AS SELECT id, payload FROM events ORDER BY payload;
ALTER TABLE events ADD COLUMN IF NOT EXISTS kind text;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_payload_idx ON events (payload);
`,
      'rollback_002.sql': 'DROP INDEX CONCURRENTLY IF EXISTS events_payload_idx;\nALTER TABLE events DROP COLUMN IF EXISTS kind;\nDROP TABLE IF EXISTS events_sorted;\n',
    };
    const shape = async (db: Db): Promise<{ history: number[]; sorted: number; kind: boolean; index: string }> => {
      const [r] = await db.query<{ h: number[] | null; sorted: string; kind: boolean; index: string }>(`
        SELECT (SELECT array_agg(version::int ORDER BY version) FROM schema_migrations.history) AS h,
               CASE WHEN to_regclass('public.events_sorted') IS NULL THEN '-1'
                    ELSE (xpath('/row/c/text()', query_to_xml('SELECT count(*) AS c FROM public.events_sorted', false, true, '')))[1]::text END AS sorted,
               EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'public.events'::regclass AND attname = 'kind') AS kind,
               coalesce((SELECT CASE WHEN i.indisvalid THEN 'valid' ELSE 'invalid' END FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                          WHERE c.relname = 'events_payload_idx'), 'none') AS index`);
      return { history: (r!.h ?? []).map(Number), sorted: Number(r!.sorted), kind: r!.kind, index: r!.index };
    };

    it('temp_file_limit exceeded (disk-full-like) in a transaction and in a concurrent index build: nothing lost, apply finishes once lifted', async () => {
      const t = await fresh();
      const p = project({ '001_events.sql': BIG['001_events.sql'], 'rollback_001.sql': BIG['rollback_001.sql'] });
      const args = ['apply', '--db', t.url, '--migrations', p.dir];
      expect((await schema(args)).code).toBe(0);
      p.write('002_sorted.sql', BIG['002_sorted.sql']);
      p.write('rollback_002.sql', BIG['rollback_002.sql']);
      // Sorts spill to disk at once, and the server refuses temporary files beyond 64 kB.
      await t.db.exec(`ALTER DATABASE ${t.name} SET work_mem = '64kB'; ALTER DATABASE ${t.name} SET maintenance_work_mem = '1MB'; ALTER DATABASE ${t.name} SET temp_file_limit = '64kB'`);

      const inTransaction = await schema(args);
      expectCleanFailure(inTransaction, /temporary file size exceeds temp_file_limit \(64kB\) \[53400\]/);
      expect(inTransaction.stderr).toContain('002_sorted.sql:2: statement failed');
      expect(inTransaction.stderr).toContain('was rolled back');
      expect(await shape(t.db)).toEqual({ history: [1], sorted: -1, kind: false, index: 'none' });

      // The transaction fits once the sort may use memory; the concurrent index build still spills.
      await t.db.exec(`ALTER DATABASE ${t.name} SET work_mem = '64MB'`);
      const concurrent = await schema(args);
      expectCleanFailure(concurrent, /temporary file size exceeds temp_file_limit \(64kB\) \[53400\]/);
      expect(concurrent.stderr).toContain('002_sorted.sql:5: statement failed');
      // The transaction stays committed, the INVALID index the build left is dropped at once, history waits for the file to end.
      expect(concurrent.stderr).toContain('-- INVALID leftover');
      expect(await shape(t.db)).toEqual({ history: [1], sorted: 200000, kind: true, index: 'none' });

      await t.db.exec(`ALTER DATABASE ${t.name} RESET temp_file_limit`);
      const again = await schema(args);
      expect(again.code, again.stderr).toBe(0);
      expect(await shape(t.db)).toEqual({ history: [1, 2], sorted: 200000, kind: true, index: 'valid' });
      const [count] = await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
      expect(count!.n).toBe('200000');
    }, 60_000);

    it('statement_timeout firing on a long step: exit 1 naming the statement, nothing half-applied, a longer timeout finishes', async () => {
      const t = await fresh();
      const p = project(FILES);
      const base = ['apply', '--db', t.url, '--migrations', p.dir];
      const timedOut = await schema([...base, '--statement-timeout', '500ms']);
      expectCleanFailure(timedOut, /canceling statement due to statement timeout \[57014\]/);
      expect(timedOut.stderr).toContain('002_orders.sql:4: statement failed');
      const after = await state(t.db);
      expectConsistent(after);
      expect(after.history).toEqual([1]);
      const again = await schema([...base, '--statement-timeout', '1min']);
      expect(again.code, again.stderr).toBe(0);
      expect(await state(t.db)).toEqual({ history: [1, 2, 3], present: [1, 2, 3], partial: [] });
    }, 60_000);
  });
});
