/**
 * `schema apply --lock-timeout` behind a held lock, as a deploy meets it: a reader selecting by
 * primary key every 20 ms never waits much more than one lock timeout at a time, and apply
 * succeeds by retrying once the lock is gone; the file's own `SET LOCAL lock_timeout = '5s'` does
 * not stretch the waits. Directly and through PgBouncer in transaction mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { adminUrl, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js';
import { ITEMS } from './fixtures.js';
import { project, schema } from './helpers.js';

let bouncer: PgBouncer | undefined;
beforeAll(async () => {
  bouncer = await startPgBouncer(adminUrl());
});
afterAll(async () => {
  await bouncer?.stop();
});

const MIGRATION = `BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE t ADD COLUMN IF NOT EXISTS note text;
INSERT INTO seen SELECT current_setting('lock_timeout');
COMMIT;
`;

/** Selects one row by primary key every 20 ms until stopped; returns the longest wait in ms. */
function reader(url: string): { stop(): Promise<number> } {
  const db = connect(url, { max: 1 });
  let running = true;
  let longest = 0;
  const loop = (async () => {
    // Connected before measuring: a connection's start is no lock wait.
    await db.query('SELECT 1');
    for (let i = 1; running; i++) {
      const started = performance.now();
      await db.query('SELECT v FROM t WHERE id = $1', [1 + (i % 5000)]);
      longest = Math.max(longest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await db.close();
      return longest;
    },
  };
}

for (const route of ['directly', 'through PgBouncer']) {
  describe(`apply behind a held lock, ${route}`, () => {
    let t: TestDatabase;
    afterAll(async () => {
      await t?.drop();
    });

    it('keeps each reader wait to about one lock timeout and succeeds by retrying', async () => {
      t = await freshDatabase('bounds_cli');
      await t.db.exec(`CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, g FROM generate_series(1, 5000) g; CREATE TABLE seen (lock text)`);
      const url = route === 'directly' ? t.url : bouncer!.through(t.url);
      const p = project({ '001_note.sql': MIGRATION, 'rollback_001.sql': 'ALTER TABLE t DROP COLUMN IF EXISTS note;\n' });

      // A long transaction holding ACCESS SHARE on t: the ALTER queues behind it, readers behind the
      // ALTER. It ends 2.5 s after apply first asked for its lock.
      const holderDb = connect(t.url, { max: 1 });
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const held = holderDb.transaction(async (tx) => {
        await tx.query('SELECT count(*) FROM t');
        await released;
      });
      const r = reader(t.url);
      const run = schema(['apply', '--db', url, '--migrations', p.dir, '--lock-timeout', '400ms'], { cwd: p.cwd });
      let firstWait: number | undefined;
      while (firstWait === undefined) {
        const waiting = await t.db.query(`SELECT 1 FROM pg_locks WHERE relation = 't'::regclass AND mode = 'AccessExclusiveLock' AND NOT granted`);
        if (waiting.length > 0) firstWait = performance.now();
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 2500));
      release();
      await held;
      await holderDb.close();
      const result = await run;
      const took = performance.now() - firstWait;
      const longest = await r.stop();

      expect(result.stderr).toMatch(/lock_timeout; retry 1\/10 in 500 ms/);
      expect(result.code).toBe(0);
      expect(took).toBeGreaterThan(2500);
      expect(result.stderr).toMatch(/001_note.sql:4: lock_timeout; retry 2\/10/);
      // One lock timeout (400 ms) and the time to run a query on a shared machine.
      expect(longest).toBeLessThan(900);
      expect(await t.db.query(`SELECT lock FROM seen`)).toEqual([{ lock: '400ms' }]);
      expect(await t.db.query(`SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'note'`)).toEqual([{ n: 1 }]);
    });
  });
}

describe('apply output for a deploy log', () => {
  let t: TestDatabase;
  afterAll(async () => {
    await t?.drop();
  });

  it('prints every statement only with --verbose', async () => {
    t = await freshDatabase('bounds_verbose');
    const p = project(ITEMS);
    const verbose = await schema(['apply', '--db', t.url, '--migrations', p.dir, '--verbose'], { cwd: p.cwd });
    expect(verbose.code, verbose.stderr).toBe(0);
    expect(verbose.stderr).toContain('applying 001_create_items.sql (2 statements, 1 transaction, 1 outside a transaction)');
    expect(verbose.stderr).toMatch(/^ {2}001_create_items\.sql:3 CREATE TABLE IF NOT EXISTS items/m);
    expect(verbose.stderr).toMatch(/^ {2}003_kinds\.sql:3 CREATE INDEX CONCURRENTLY/m);
    expect(verbose.stderr).toMatch(/^applied 003_kinds\.sql \(3 statements, 1 transaction, 1 outside a transaction\) in \d+ ms$/m);
  });
});
