import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { guardClosedSocketWrites } from '../../src/db/driver-guard.js';
import { adminUrl, freshDatabase, urlForDatabase } from '../helpers/db.js';
import { startPgBouncer } from '../helpers/pgbouncer.js';

describe('database layer', () => {
  it('runs queries with parameters and multi-statement scripts', async () => {
    const t = await freshDatabase();
    try {
      await t.db.exec('CREATE TABLE a (id int); INSERT INTO a VALUES (1), (2);');
      const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM a WHERE id > $1', [0]);
      expect(rows[0]?.n).toBe(2);
    } finally {
      await t.drop();
    }
  });

  it('runs the statements of a transaction in the order they are called, rows read one by one or all at once', async () => {
    const t = await freshDatabase();
    try {
      // The settings each statement ran under, read from its own rows.
      const firstRows: string[] = [];
      const lastRows: string[] = [];
      const [, , middle] = await t.db.transaction(
        (tx) =>
          Promise.all([
            tx.query(`SELECT pg_catalog.set_config('search_path', 'pg_catalog', true)`),
            tx.each(`SELECT current_setting('search_path') AS sp FROM generate_series(1, 3)`, (row) => firstRows.push(String(row['sp']))),
            tx.query(`SELECT current_setting('search_path') AS sp`),
            tx.exec(`SET LOCAL search_path = public`),
            tx.each(`SELECT current_setting('search_path') AS sp`, (row) => lastRows.push(String(row['sp']))),
          ]),
        { mode: 'isolation level repeatable read read only' },
      );
      expect(firstRows).toEqual(['pg_catalog', 'pg_catalog', 'pg_catalog']);
      expect(middle[0]?.['sp']).toBe('pg_catalog');
      expect(lastRows).toEqual(['public']);
    } finally {
      await t.drop();
    }
  });

  it('fails a streamed statement whose row handler throws with that error as it is, and the connection goes on', async () => {
    const t = await freshDatabase();
    try {
      let seen = 0;
      const failing = t.db.each('SELECT g FROM generate_series(1, 5) g', () => {
        seen++;
        throw new Error('cannot read this row');
      });
      await expect(failing).rejects.toThrow(/^cannot read this row$/);
      expect(seen).toBe(1);
      const [row] = await t.db.query<{ n: number }>('SELECT 2 AS n');
      expect(row?.n).toBe(2);
      await expect(
        t.db.transaction((tx) => Promise.all([tx.each('SELECT 1 AS a', () => {
          throw new Error('inside a transaction');
        }), tx.query('SELECT 1')])),
      ).rejects.toThrow('inside a transaction');
      expect((await t.db.query<{ n: number }>('SELECT 3 AS n'))[0]?.n).toBe(3);
    } finally {
      await t.drop();
    }
  });

  it("keeps the reader's own errors as they are inside a transaction, and names the database once for a lost connection", async () => {
    const db = connect(adminUrl());
    try {
      const own = await db.transaction(async (tx) => {
        await tx.query('SELECT 1');
        throw new TypeError('a bug of the reader');
      }).catch((error: unknown) => error);
      expect(own).toBeInstanceOf(TypeError);
      expect((own as Error).message).toBe('a bug of the reader');

      // As the command line runs: the driver's write to the closed socket is dropped, not a crash.
      guardClosedSocketWrites();
      const lost = await db.transaction((tx) => tx.query('SELECT pg_catalog.pg_terminate_backend(pg_catalog.pg_backend_pid())')).catch((error: unknown) => error);
      const message = (lost as Error).message;
      expect(message.split('postgres://').length - 1).toBe(1);
      expect(message).toMatch(/connection was closed by the server|server shut down/);
      // Not a speed figure: closing used to wait out the driver's 5 s for writes it never flushed.
      const closing = Date.now();
      await db.close();
      expect(Date.now() - closing).toBeLessThan(4000);

    } finally {
      await db.close();
    }
  });

  it('reads a snapshot with BEGIN and COMMIT sent with its statements (one connection), or through begin() (a pool)', async () => {
    const t = await freshDatabase();
    await t.db.exec('CREATE TABLE notes (id int)');
    for (const max of [1, 2]) {
      const db = connect(t.url, { max });
      try {
        const read = () =>
          db.readSnapshot((tx) =>
            Promise.all([
              tx.query<{ iso: string; ro: string }>(`SELECT current_setting('transaction_isolation') AS iso, current_setting('transaction_read_only') AS ro`),
              tx.query<{ xid: string | null }>('SELECT pg_catalog.txid_current_if_assigned()::text AS xid'),
            ]),
          );
        // On a new connection, then on an open one.
        for (const attempt of ['new', 'open']) {
          const [[settings], [xid]] = await read();
          expect(settings, `${attempt}, max ${max}`).toMatchObject({ iso: 'repeatable read', ro: 'on' });
          expect(xid?.xid).toBeNull();
        }
        // A write inside the snapshot fails; the connection comes back out of the transaction.
        const failed = await db
          .readSnapshot((tx) => Promise.all([tx.exec('INSERT INTO notes VALUES (1)'), tx.query('SELECT 1')]))
          .catch((error: unknown) => error);
        expect((failed as Error).message).toMatch(/read-only transaction/);
        const [after] = await db.query<{ ro: string }>(`SELECT current_setting('transaction_read_only') AS ro`);
        expect(after?.ro).toBe('off');
        await db.exec('INSERT INTO notes VALUES (2)');
        if (max === 1) {
          // Every statement goes out with BEGIN and COMMIT: one issued after an await is refused.
          const late = await db
            .readSnapshot(async (tx) => {
              await tx.query('SELECT 1');
              return tx.query('SELECT 2');
            })
            .catch((error: unknown) => error);
          expect((late as Error).message).toMatch(/issued after its COMMIT/);
        }
        expect((await db.query<{ n: number }>('SELECT 3 AS n'))[0]?.n).toBe(3);
      } finally {
        await db.close();
      }
    }
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM notes'))[0]?.n).toBe(2);
    await t.drop();
  });

  it('reads and sends text arrays without asking the server for its array types', async () => {
    const t = await freshDatabase();
    try {
      const awkward = ['plain', 'with space', 'comma,inside', 'quote"inside', 'back\\slash', '{braces}', '', 'NULL', 'ünïcode', "it's"];
      const [row] = await t.db.query<{ echoed: string[]; names: string[]; empty: string[]; withNull: (string | null)[]; n: number }>(
        `SELECT $1::text[] AS echoed, ARRAY['a'::name, 'B c'::name] AS names, ARRAY[]::text[] AS empty,
                ARRAY['x', NULL, 'NULL']::varchar[] AS "withNull", cardinality($1::text[]) AS n`,
        [awkward],
      );
      expect(row?.echoed).toEqual(awkward);
      expect(row?.n).toBe(awkward.length);
      expect(row?.names).toEqual(['a', 'B c']);
      expect(row?.empty).toEqual([]);
      expect(row?.withNull).toEqual(['x', null, 'NULL']);
      const [bounded] = await t.db.query<{ a: string[] }>(`SELECT '[0:1]={x,y}'::text[] AS a`);
      expect(bounded?.a).toEqual(['x', 'y']);
      const [typed] = await t.db.query<Record<string, unknown>>(
        `SELECT ARRAY[1, NULL, -3] AS ints, ARRAY[2, 1]::oid[] AS oids, ARRAY[9007199254740993]::int8[] AS bigs,
                ARRAY[true, false] AS bools, ARRAY[1.5]::float8[] AS floats, ARRAY[[1, 2], [3, 4]] AS nested,
                ARRAY['{"a"}', 'x,y']::text[][] AS texts, ARRAY[gen_random_uuid()] AS uuids,
                (SELECT array_agg(x ORDER BY x) FROM unnest($1::int[]) x) AS sent`,
        [[3, 1, 2]],
      );
      expect(typed).toMatchObject({
        ints: [1, null, -3],
        oids: [2, 1],
        bigs: [9007199254740993n],
        bools: [true, false],
        floats: [1.5],
        nested: [[1, 2], [3, 4]],
        texts: ['{"a"}', 'x,y'],
        sent: [1, 2, 3],
      });
      expect((typed?.['uuids'] as string[])[0]).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await t.drop();
    }
  });

  it('keeps the server error fields of a failing statement', async () => {
    const t = await freshDatabase();
    try {
      const error = await t.db.query('SELECT * FROM missing_table').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: '42P01' });
    } finally {
      await t.drop();
    }
  });

  it('explains a missing database in one line without the password', async () => {
    const url = new URL(urlForDatabase(adminUrl(), 'no_such_database_here'));
    url.password = 'sekret';
    const db = connect(url.toString());
    const error = (await db.query('SELECT 1').catch((e: unknown) => e)) as Error;
    await db.close().catch(() => undefined);
    expect(error.message).toMatch(/database does not exist/);
    expect(error.message).not.toContain('sekret');
  });

  it('takes a password given as ?password= from the URL: never sent as a startup parameter, never printed', async () => {
    const bouncer = await startPgBouncer(adminUrl());
    try {
      for (const base of [adminUrl(), bouncer.through(adminUrl())]) {
        const url = new URL(base);
        url.searchParams.set('password', 's3cret&more');
        url.searchParams.set('sslmode', 'disable');
        const db = connect(url.toString());
        expect(db.displayUrl).not.toContain('s3cret');
        expect(db.displayUrl).toContain('password=***');
        expect(await db.query<{ x: number }>('SELECT 1 AS x')).toEqual([{ x: 1 }]);
        await db.close();
        url.pathname = '/no_such_database_here';
        const missing = connect(url.toString());
        const error = (await missing.query('SELECT 1').catch((e: unknown) => e)) as Error;
        await missing.close().catch(() => undefined);
        expect(error.message).toMatch(/no_such_database_here/);
        expect(error.message).not.toContain('s3cret');
      }
    } finally {
      await bouncer.stop();
    }
  });

  it('explains a refused connection', async () => {
    const db = connect('postgres://postgres:pw@127.0.0.1:1/postgres', { connectTimeoutSeconds: 2 });
    const error = (await db.query('SELECT 1').catch((e: unknown) => e)) as Error;
    await db.close().catch(() => undefined);
    expect(error.message).toMatch(/connection refused/);
    expect(error.message).not.toContain(':pw@');
  });

  it('rejects a malformed URL as bad input', () => {
    expect(() => connect('not a url')).toThrow(/not a database URL/);
  });
});
