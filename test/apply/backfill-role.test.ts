/**
 * Who may run a batched backfill that must silence the table's UPDATE triggers: a role that may not
 * SET session_replication_role is refused before any row changes (the message names the grant), and
 * runs once granted; a table without UPDATE triggers needs nothing; an ALWAYS trigger is refused.
 * Outside the runner the statement is the plain one-shot UPDATE. Judged by the rows themselves.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { planUnits } from '../../src/apply/index.js';
import { runBatchedBackfill, type BackfillUnit } from '../../src/apply/batch.js';
import { connect, type Db } from '../../src/db/index.js';
import { batchedBackfillSql, loadParser, splitStatements } from '../../src/sql/index.js';
import { adminUrl, freshDatabase, loginRole, serverMajor, type TestDatabase } from '../helpers/db.js';

const ROWS = 3000;
const STAMP = '2020-01-01 00:00:00+00';
const OPTIONS = { lockTimeout: '5s', statementTimeout: '1min', rows: 500, pauseMs: 0 };

function unitFor(table: string): BackfillUnit {
  const units = planUnits(splitStatements(`${batchedBackfillSql(table, 'code', `'c' || id`)};`));
  const unit = units[0];
  if (unit?.kind !== 'backfill') throw new Error(`not a backfill unit: ${JSON.stringify(units.map((u) => u.kind))}`);
  return unit;
}

const cleanup: (() => Promise<void>)[] = [];
beforeAll(async () => {
  await loadParser();
});
afterEach(async () => {
  const steps = cleanup.splice(0).reverse();
  for (const step of steps) await step().catch(() => undefined);
});

/** A database with `public.t` (an updated_at BEFORE UPDATE trigger) and `public.plain` (none), owned by a plain role. */
async function setup(): Promise<{ t: TestDatabase; role: string; asRole: Db }> {
  const login = await loginRole('bf');
  const role = login.name;
  cleanup.push(login.drop);
  // Dropped before the role (which owns its tables).
  const t = await freshDatabase('backfill_role');
  cleanup.push(() => t.drop());
  await t.db.exec(`
    CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
    CREATE TABLE public.t (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL, code text);
    CREATE TRIGGER t_touch BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch();
    CREATE TABLE public.plain (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL, code text);
    INSERT INTO public.t SELECT g, '${STAMP}' FROM generate_series(1, ${ROWS}) g;
    INSERT INTO public.plain SELECT g, '${STAMP}' FROM generate_series(1, ${ROWS}) g;
    ALTER TABLE public.t OWNER TO ${role};
    ALTER TABLE public.plain OWNER TO ${role};`);
  const url = new URL(t.url);
  url.username = role;
  const asRole = connect(url.toString(), { max: 1 });
  cleanup.push(() => asRole.close());
  return { t, role, asRole };
}

async function state(db: Db, table: string): Promise<{ filled: number; touched: number }> {
  const [r] = await db.query<{ filled: string; touched: string }>(
    `SELECT count(*) FILTER (WHERE code = 'c' || id) AS filled, count(*) FILTER (WHERE updated_at <> '${STAMP}'::timestamptz) AS touched FROM ${table}`,
  );
  return { filled: Number(r!.filled), touched: Number(r!.touched) };
}

describe('batched backfill and the role applying it', () => {
  it('refuses a role that may not set session_replication_role, naming the grant; runs once granted', async () => {
    const { t, role, asRole } = await setup();
    const refused = runBatchedBackfill(asRole, unitFor('public.t'), OPTIONS);
    await expect(refused).rejects.toThrow(/may not SET session_replication_role; nothing was changed\. Fix: .*GRANT SET ON PARAMETER session_replication_role TO/);
    expect(await state(t.db, 'public.t')).toEqual({ filled: 0, touched: 0 });

    expect(serverMajor()).toBeGreaterThanOrEqual(15);
    await t.db.exec(`GRANT SET ON PARAMETER session_replication_role TO ${role}`);
    cleanup.push(async () => {
      const a = connect(adminUrl());
      await a.exec(`REVOKE SET ON PARAMETER session_replication_role FROM ${role}`).catch(() => undefined);
      await a.close();
    });
    const messages: string[] = [];
    await runBatchedBackfill(asRole, unitFor('public.t'), { ...OPTIONS, onProgress: (m) => messages.push(m) });
    expect(await state(t.db, 'public.t')).toEqual({ filled: ROWS, touched: 0 });
    expect(messages.at(-1)).toMatch(/done, 3,000 rows filled in \d+ batches/);
  });

  it('a table without UPDATE triggers needs no setting; an ALWAYS trigger is refused', async () => {
    const { t, asRole } = await setup();
    await runBatchedBackfill(asRole, unitFor('public.plain'), OPTIONS);
    expect(await state(t.db, 'public.plain')).toEqual({ filled: ROWS, touched: 0 });

    await t.db.exec('ALTER TABLE public.t ENABLE ALWAYS TRIGGER t_touch');
    await expect(runBatchedBackfill(t.db, unitFor('public.t'), OPTIONS)).rejects.toThrow(/would fire trigger\(s\) enabled ALWAYS: t_touch \(on t\)/);
    expect(await state(t.db, 'public.t')).toEqual({ filled: 0, touched: 0 });
  });

  it('run as a plain statement (psql), it is the one-shot UPDATE of every NULL row', async () => {
    const { t } = await setup();
    await t.db.exec(`ALTER TABLE public.t DISABLE TRIGGER t_touch; ${batchedBackfillSql('public.t', 'code', `'c' || id`)}`);
    expect(await state(t.db, 'public.t')).toEqual({ filled: ROWS, touched: 0 });
  });
});
