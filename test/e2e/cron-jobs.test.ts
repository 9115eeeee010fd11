/**
 * pg_cron jobs as code, on a real pg_cron (Debian's postgresql-15-cron, preloaded in a private
 * server): a job is scheduled, changed and unscheduled by plans, each applied and rolled back,
 * judged by cron.job's rows; every re-plan is empty.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/index.js';
import { runCli } from '../helpers/cli.js';
import { startCronServer, type CronServer } from '../helpers/cron-server.js';

let server: CronServer;
let db: Db;
let work: string;

const JOBS = `SELECT jobname, schedule, command, active FROM cron.job ORDER BY jobname`;

beforeAll(async () => {
  server = await startCronServer();
  db = connect(server.url);
  work = mkdtempSync(join(tmpdir(), 'schema-cron-'));
  mkdirSync(join(work, 'schema'));
}, 60_000);

afterAll(async () => {
  await db?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

function writeSpec(jobs: string): void {
  writeFileSync(
    join(work, 'schema', 'app.yaml'),
    `tables:
  events:
    columns:
      id: { type: bigint, identity: always, primary_key: true }
      created_at: { type: timestamptz, not_null: true, default: now() }
    rls: true
    grants: { service_role: [all] }
    policies:
      events_service: { for: all, to: service_role, using: "true", check: "true" }
cron_jobs:${jobs}
`,
  );
}

async function planApply(name: string): Promise<string> {
  const plan = await runCli(['plan', '--db', server.url, '--name', name], { cwd: work });
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const apply = await runCli(['apply', '--db', server.url], { cwd: work });
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  const again = await runCli(['plan', '--db', server.url], { cwd: work });
  expect(again.stdout, again.stderr).toContain('No changes');
  return plan.stdout;
}

describe('pg_cron jobs', () => {
  it('are scheduled, changed and unscheduled by plans, with rollbacks, on a real pg_cron', async () => {
    expect(await db.query(`SELECT extname FROM pg_extension WHERE extname = 'pg_cron'`)).toEqual([{ extname: 'pg_cron' }]);
    await db.exec(`SELECT cron.schedule('dashboard_made', '0 0 * * 0', 'SELECT 1')`);
    writeSpec(`
  purge_events: { schedule: "0 3 * * *", command: "DELETE FROM public.events WHERE created_at < now() - interval '30 days'" }`);
    await planApply('purge');
    const created = [
      { jobname: 'purge_events', schedule: '0 3 * * *', command: "DELETE FROM public.events WHERE created_at < now() - interval '30 days'", active: true },
    ];
    // Once the spec declares cron_jobs, a named job it does not list is unscheduled.
    expect(await db.query(JOBS)).toEqual(created);

    writeSpec(`
  purge_events: { schedule: "*/10 * * * *", command: "DELETE FROM public.events WHERE created_at < now() - interval '7 days'", active: false }`);
    const changed = await planApply('purge_more');
    expect(changed).toContain('~ cron job purge_events');
    const after = [{ jobname: 'purge_events', schedule: '*/10 * * * *', command: "DELETE FROM public.events WHERE created_at < now() - interval '7 days'", active: false }];
    expect(await db.query(JOBS)).toEqual(after);
    expect(readFileSync(join(work, 'generated-migrations', 'rollback_002.sql'), 'utf8')).toContain('cron.alter_job(cron.schedule(');

    writeSpec(' {}');
    await planApply('no_jobs');
    expect(await db.query(JOBS)).toEqual([]);

    const back = await runCli(['apply', '--db', server.url, '--rollback', '3'], { cwd: work });
    expect(back.code, back.stdout + back.stderr).toBe(0);
    expect(await db.query(JOBS)).toEqual(after);
    const back2 = await runCli(['apply', '--db', server.url, '--rollback', '2'], { cwd: work });
    expect(back2.code, back2.stdout + back2.stderr).toBe(0);
    expect(await db.query(JOBS)).toEqual(created);
    // The rollback again, by hand: idempotent.
    await db.exec(readFileSync(join(work, 'generated-migrations', 'rollback_002.sql'), 'utf8'));
    expect(await db.query(JOBS)).toEqual(created);
  }, 300_000);
});
