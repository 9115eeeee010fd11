/**
 * One applier at a time: ten started at once (through PgBouncer, pool size 2) apply every migration
 * exactly once; a lease left by a dead or stuck applier expires or is taken over.
 */
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureHistory } from '../../src/apply/index.js';
import { adminUrl, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js';
import { project, schema } from './helpers.js';

// Not idempotent on purpose: a second run of a file would add a second row to `runs`.
const COUNTED = {
  '001_first.sql': `CREATE TABLE IF NOT EXISTS runs (version int NOT NULL);
INSERT INTO runs VALUES (1);
SELECT pg_sleep(0.2);
CREATE TABLE IF NOT EXISTS things (id int);
`,
  'rollback_001.sql': 'DROP TABLE IF EXISTS things;\n',
  '002_second.sql': `CREATE INDEX CONCURRENTLY IF NOT EXISTS things_id_idx ON things (id);
INSERT INTO runs VALUES (2);
`,
  'rollback_002.sql': 'DROP INDEX CONCURRENTLY IF EXISTS things_id_idx;\n',
  '003_third.sql': `BEGIN;
ALTER TABLE things ADD COLUMN IF NOT EXISTS note text;
INSERT INTO runs VALUES (3);
SELECT pg_sleep(0.2);
COMMIT;
`,
  'rollback_003.sql': 'ALTER TABLE things DROP COLUMN IF EXISTS note;\n',
};

let bouncer: PgBouncer;
const dbs: TestDatabase[] = [];
beforeAll(async () => {
  bouncer = await startPgBouncer(adminUrl());
});
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((t) => t.drop()));
});
afterAll(async () => {
  await bouncer?.stop();
});

const fresh = async (): Promise<TestDatabase> => {
  const t = await freshDatabase('lease');
  dbs.push(t);
  return t;
};

describe('concurrent appliers', () => {
  it('ten appliers at once: every migration runs exactly once; the others wait or exit with a clear message', async () => {
    const t = await fresh();
    const p = project(COUNTED);
    const url = bouncer.through(t.url);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => schema(['apply', '--db', url, '--migrations', p.dir, '--wait', i % 2 === 0 ? '60' : '0'])),
    );
    for (const r of results) {
      if (r.code !== 0) {
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/another apply holds the lease: \S+:\d+:[0-9a-f]+, expires in \d+ s; waited 0 s/);
      }
    }
    // Whoever waited found the work done.
    expect(results.filter((r, i) => i % 2 === 0).every((r) => r.code === 0)).toBe(true);
    expect(results.filter((r) => r.stdout.includes('applied 3 migrations'))).toHaveLength(1);
    const runs = await t.db.query<{ version: number; n: string }>(`SELECT version, count(*)::text AS n FROM runs GROUP BY 1 ORDER BY 1`);
    expect(runs).toEqual([{ version: 1, n: '1' }, { version: 2, n: '1' }, { version: 3, n: '1' }]);
    const history = await t.db.query<{ version: number }>(`SELECT version::int AS version FROM schema_migrations.history ORDER BY 1`);
    expect(history.map((r) => r.version)).toEqual([1, 2, 3]);
    const lease = await t.db.query(`SELECT holder FROM schema_migrations.lease WHERE holder IS NOT NULL`);
    expect(lease).toEqual([]);
  });

  it('a lease held elsewhere blocks until it expires; --wait 0 names the holder', async () => {
    const t = await fresh();
    const p = project(COUNTED);
    await ensureHistory(t.db);
    await t.db.exec(`UPDATE schema_migrations.lease SET holder = 'deploy-box:4242:cafe', expires_at = now() + interval '1 minute'`);
    const blocked = await schema(['apply', '--db', t.url, '--migrations', p.dir, '--wait', '0']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('another apply holds the lease: deploy-box:4242:cafe');
    expect(await t.db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'runs'`)).toEqual([]);
    // Renewed for the second run, long enough to outlast its start-up on a busy machine.
    await t.db.exec(`UPDATE schema_migrations.lease SET expires_at = now() + interval '4 seconds'`);
    const started = performance.now();
    const waited = await schema(['apply', '--db', t.url, '--migrations', p.dir, '--wait', '20']);
    expect(waited.code).toBe(0);
    expect(waited.stderr).toContain('waiting for another apply to finish (lease held by deploy-box:4242:cafe)');
    expect(performance.now() - started).toBeGreaterThan(1000);
  });

  it('a lease left by a process of this host that is gone is taken over at once', async () => {
    const t = await fresh();
    const p = project(COUNTED);
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.on('exit', resolve));
    await ensureHistory(t.db);
    await t.db.query(`UPDATE schema_migrations.lease SET holder = $1, expires_at = now() + interval '1 hour'`, [`${hostname()}:${pid}:dead`]);
    const result = await schema(['apply', '--db', t.url, '--migrations', p.dir, '--wait', '0']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`took over the lease of ${hostname()}:${pid}:dead (its process is no longer running)`);
  });
});
