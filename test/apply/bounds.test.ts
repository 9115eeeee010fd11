/**
 * Every statement apply runs is bounded by the timeouts in force, in a transaction or not, directly
 * and through PgBouncer in transaction mode; the given timeouts govern over the file's SET LOCAL;
 * a failed attempt runs nothing twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeMigrationSql, MigrationStatementError, type ExecuteOptions } from '../../src/apply/index.js';
import { connect, type Db } from '../../src/db/index.js';
import { loadParser } from '../../src/sql/index.js';
import { adminUrl, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js';

let bouncer: PgBouncer | undefined;
beforeAll(async () => {
  await loadParser();
  bouncer = await startPgBouncer(adminUrl());
});
afterAll(async () => {
  await bouncer?.stop();
});

/** A session holding `sql` open in a transaction until `release()`. */
async function holder(url: string, sql: string): Promise<{ release(): Promise<void> }> {
  const db = connect(url, { max: 1 });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const done = db.transaction(async (tx) => {
    await tx.exec(sql);
    ready();
    await released;
  });
  await started;
  return {
    release: async () => {
      release();
      await done;
      await db.close();
    },
  };
}

/** A session running `SELECT pg_sleep(seconds)` after reading `table`: it holds a snapshot throughout. */
function sleeper(url: string, table: string, seconds: number): { started: Promise<void>; done: Promise<void> } {
  const db = connect(url, { max: 1 });
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const done = db
    .transaction(async (tx) => {
      await tx.query(`SELECT count(*) FROM ${table}`);
      const sleeping = tx.query(`SELECT pg_sleep(${seconds})`);
      setTimeout(ready, 100);
      await sleeping;
    })
    .finally(() => db.close());
  return { started, done };
}

const failure = async (run: Promise<unknown>): Promise<MigrationStatementError> => {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigrationStatementError);
  return error as MigrationStatementError;
};

const indexes = (db: Db): Promise<unknown[]> =>
  db.query(`SELECT c.relname, i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 't'::regclass ORDER BY 1`);

for (const route of ['directly', 'through PgBouncer']) {
  describe(`bounded statements, ${route}`, () => {
    let t: TestDatabase;
    let url: string;
    let db: Db;
    const base = { lockTimeout: '300ms', statementTimeout: '1min', lockRetries: 0 } satisfies ExecuteOptions;
    beforeAll(async () => {
      t = await freshDatabase('bounds');
      url = route === 'directly' ? t.url : bouncer!.through(t.url);
      db = connect(url, { max: 1 });
    });
    afterAll(async () => {
      await db?.close();
      await t?.drop();
    });
    beforeEach(async () => {
      await t.db.exec(`DROP TABLE IF EXISTS t, seen CASCADE; DROP SEQUENCE IF EXISTS calls; DROP FUNCTION IF EXISTS count_call() CASCADE`);
      await t.db.exec(`CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, g FROM generate_series(1, 2000) g; CREATE TABLE seen (lock text, statement text)`);
    });

    const record = `INSERT INTO seen SELECT current_setting('lock_timeout'), current_setting('statement_timeout');`;
    const file = `BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '10min';\n${record}\nCOMMIT;\n`;

    it('the given timeouts govern over the file SET LOCAL; the file values are the defaults otherwise', async () => {
      await executeMigrationSql(db, file, { ...base, given: { lockTimeout: true, statementTimeout: true } });
      await executeMigrationSql(db, file, { ...base, given: { lockTimeout: true } });
      await executeMigrationSql(db, file, base);
      expect(await t.db.query(`SELECT lock, statement FROM seen ORDER BY ctid`)).toEqual([
        { lock: '300ms', statement: '1min' },
        { lock: '300ms', statement: '10min' },
        { lock: '5s', statement: '10min' },
      ]);
    });

    it('behind a held lock, a given lock timeout ends the wait, not the file value', async () => {
      const lock = await holder(t.url, 'LOCK TABLE t IN ACCESS SHARE MODE');
      try {
        const started = performance.now();
        const error = await failure(executeMigrationSql(db, `BEGIN;\nSET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN x int;\nCOMMIT;\n`, { ...base, given: { lockTimeout: true } }));
        expect(performance.now() - started).toBeLessThan(2000);
        expect(error.failure).toMatchObject({ line: 3, server: { code: '55P03' } });
      } finally {
        await lock.release();
      }
    });

    it('a failed transaction runs each statement once: no replay after a data error or a lock wait', async () => {
      await t.db.exec(`CREATE SEQUENCE calls;
        CREATE FUNCTION count_call() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('calls'); RETURN NULL; END $$;
        CREATE TRIGGER count_call AFTER UPDATE ON t FOR EACH STATEMENT EXECUTE FUNCTION count_call();`);
      const seen: string[] = [];
      const error = await failure(
        executeMigrationSql(db, 'UPDATE t SET v = v + 1;\nINSERT INTO t VALUES (1, 1);\nALTER TABLE t ADD COLUMN y int;\n', {
          ...base,
          onStatement: (e) => seen.push(`${e.line}/${e.attempt}`),
        }),
      );
      expect(error.failure).toMatchObject({ line: 2, server: { code: '23505' } });
      // nextval is not rolled back: the UPDATE ran once.
      expect(await t.db.query(`SELECT last_value, is_called FROM calls`)).toEqual([{ last_value: 1n, is_called: true }]);
      expect(seen).toEqual(['1/1', '2/1', '3/1']);
      expect(await t.db.query(`SELECT count(*)::int AS n FROM t WHERE v <> id`)).toEqual([{ n: 0 }]);

      // Behind a lock, each attempt waits once: two attempts, two waits.
      const lock = await holder(t.url, 'LOCK TABLE t IN ACCESS SHARE MODE');
      seen.length = 0;
      try {
        await failure(
          executeMigrationSql(db, 'ALTER TABLE t ADD COLUMN z int;\nALTER TABLE t ADD COLUMN w int;\n', {
            ...base,
            lockRetries: 1,
            retryDelayMs: 50,
            onStatement: (e) => seen.push(`${e.line}/${e.attempt}`),
          }),
        );
      } finally {
        await lock.release();
      }
      expect(seen).toEqual(['1/1', '2/1', '1/2', '2/2']);
    });

    it('a concurrent index build behind a long transaction gives up within the lock timeout and leaves no index', async () => {
      const blocker = sleeper(t.url, 't', 4);
      await blocker.started;
      const started = performance.now();
      const error = await failure(executeMigrationSql(db, 'CREATE INDEX CONCURRENTLY IF NOT EXISTS t_v ON t (v);\n', base));
      const waited = performance.now() - started;
      expect(error.failure.server?.code).toBe('55P03');
      expect(error.message).toMatch(/lock timeout.*older transactions/);
      expect(waited).toBeLessThan(2000);
      expect(await indexes(t.db)).toEqual([{ relname: 't_pkey', indisvalid: true }]);
      await blocker.done;
      await executeMigrationSql(db, 'CREATE INDEX CONCURRENTLY IF NOT EXISTS t_v ON t (v);\n', base);
      expect(await indexes(t.db)).toEqual([
        { relname: 't_pkey', indisvalid: true },
        { relname: 't_v', indisvalid: true },
      ]);
    });

    it('DROP INDEX CONCURRENTLY behind a reader is cancelled after the lock timeout', async () => {
      await t.db.exec('CREATE INDEX t_v ON t (v)');
      const reader = await holder(t.url, 'SELECT count(*) FROM t');
      try {
        const started = performance.now();
        const error = await failure(executeMigrationSql(db, 'DROP INDEX CONCURRENTLY IF EXISTS t_v;\n', base));
        expect(performance.now() - started).toBeLessThan(2000);
        expect(error.failure.server).toMatchObject({ code: '55P03', detail: expect.stringMatching(/^blocked by process \d+$/) });
      } finally {
        await reader.release();
      }
      await executeMigrationSql(db, 'DROP INDEX CONCURRENTLY IF EXISTS t_v;\n', base);
      expect(await indexes(t.db)).toEqual([{ relname: 't_pkey', indisvalid: true }]);
    });

    it('a build that outlives the statement timeout is cancelled and its INVALID index dropped', async () => {
      await t.db.exec(`CREATE FUNCTION slow(x int) RETURNS int IMMUTABLE LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.002); RETURN x; END $$`);
      const started = performance.now();
      const error = await failure(executeMigrationSql(db, 'CREATE INDEX CONCURRENTLY IF NOT EXISTS t_slow ON t (slow(v));\n', { ...base, statementTimeout: '500ms' }));
      expect(performance.now() - started).toBeLessThan(2500);
      expect(error.failure.server?.code).toBe('57014');
      expect(error.message).toMatch(/statement timeout/);
      expect(await indexes(t.db)).toEqual([{ relname: 't_pkey', indisvalid: true }]);
      await t.db.exec('DROP FUNCTION slow(int) CASCADE');
    });
  });
}
