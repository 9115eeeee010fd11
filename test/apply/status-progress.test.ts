/**
 * `schema status` shows a migration in progress, since when and by which host and process, both
 * while its apply runs and after that apply was killed (the marker lives in the lease row).
 */
import { hostname } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { project, schema, spawnSchema } from './helpers.js';

const FILES = {
  '001_fast.sql': 'CREATE TABLE IF NOT EXISTS a (id int);\n',
  'rollback_001.sql': 'DROP TABLE IF EXISTS a;\n',
  '002_slow.sql': 'BEGIN;\nCREATE TABLE IF NOT EXISTS b (id int);\nSELECT pg_sleep(20);\nCOMMIT;\n',
  'rollback_002.sql': 'DROP TABLE IF EXISTS b;\n',
};

describe('status of an interrupted migration', () => {
  let t: TestDatabase;
  afterAll(async () => {
    await t?.drop();
  });

  it('shows it in progress while it runs and after its apply was killed, with since, host and process', async () => {
    t = await freshDatabase('status_progress');
    const p = project(FILES);
    const child = spawnSchema(['apply', '--db', t.url, '--migrations', p.dir], { cwd: p.cwd });
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      for (;;) {
        const rows = await t.db.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(20)%' AND state = 'active'`);
        if (rows.length) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const running = await schema(['status', '--db', t.url, '--migrations', p.dir, '--no-drift'], { cwd: p.cwd });
      expect(running.code, running.stderr).toBe(0);
      expect(running.stdout).toMatch(/^002 +002_slow +in progress /m);
      const since = new RegExp(`^002_slow\\.sql: in progress since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ by ${hostname()} \\(process ${child.pid}\\)$`, 'm');
      expect(running.stdout).toMatch(since);
      expect(running.stdout).toContain('1 applied, 1 in progress');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    await t.db.exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(20)%'`);
    const killed = await schema(['status', '--db', t.url, '--migrations', p.dir, '--no-drift', '--format', 'json'], { cwd: p.cwd });
    const json = JSON.parse(killed.stdout) as { migrations: { version: number; state: string; in_progress: unknown }[] };
    expect(json.migrations.map((m) => [m.version, m.state])).toEqual([
      [1, 'applied'],
      [2, 'in progress'],
    ]);
    expect(json.migrations[1]!.in_progress).toMatchObject({ host: hostname(), pid: child.pid, holder_running: false, action: 'apply' });
    const text = await schema(['status', '--db', t.url, '--migrations', p.dir, '--no-drift'], { cwd: p.cwd });
    expect(text.stdout).toMatch(/002_slow\.sql: in progress since .* \(process \d+, no longer running: the run was interrupted; run apply again to finish\)/);
  }, 60_000);
});
