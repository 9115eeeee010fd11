/**
 * A backfilled NOT NULL column on a table that holds rows and has an `updated_at` BEFORE UPDATE
 * trigger, as `schema plan` writes it and `schema apply` runs it: the column added nullable in a short
 * transaction, the rows filled in batches (each its own transaction, triggers silent), then the
 * validated CHECK and SET NOT NULL. Judged by the server: the rows' values, pg_attribute, pg_constraint.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/index.js';
import { adminUrl, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js';
import { schema, spawnSchema } from './helpers.js';

const ROWS = 50_000;
const STAMP = '2020-01-01 00:00:00+00';

const FUNCTIONS = `functions:
  update_updated_at_column:
    returns: trigger
    language: plpgsql
    search_path: "''"
    body: |
      BEGIN
        NEW.updated_at = now();
        RETURN NEW;
      END;
`;

const items = (extra: string): string => `tables:
  items:
    columns:
      id: { type: bigint, primary_key: true }
      name: { type: text, not_null: true }
${extra}      updated_at: { type: timestamptz, not_null: true, default: now() }
    triggers:
      items_updated_at: { before: update, for_each: row, function: update_updated_at_column }
    waive: { rls-required: "read by the server only, never through the Data API" }
`;

let work: string;
let migrations: string;
let bouncer: PgBouncer | undefined;
const dbs: TestDatabase[] = [];

/** A database at migration 001 with ROWS rows whose updated_at is STAMP. */
async function seeded(): Promise<TestDatabase> {
  const t = await freshDatabase('backfill');
  dbs.push(t);
  // A killed client's statement stops at once instead of running on.
  await t.db.exec(`ALTER DATABASE ${t.name} SET client_connection_check_interval = '50ms'`);
  const first = await schema(['apply', '--db', t.url, '--migrations', join(work, 'first')]);
  expect(first.code, first.stderr).toBe(0);
  await t.db.exec(`INSERT INTO items (id, name, updated_at) SELECT g, 'n' || g, '${STAMP}' FROM generate_series(1, ${ROWS}) g`);
  await t.db.exec('VACUUM ANALYZE items');
  return t;
}

async function facts(db: Db): Promise<{ touched: number; unfilled: number; wrong: number; notnull: boolean; checks: number }> {
  const [r] = await db.query<{ touched: string; unfilled: string; wrong: string; notnull: boolean; checks: string }>(
    `SELECT (SELECT count(*) FROM items WHERE updated_at <> '${STAMP}'::timestamptz AND name <> 'touched') AS touched,
            (SELECT count(*) FROM items WHERE code IS NULL) AS unfilled,
            (SELECT count(*) FROM items WHERE code IS DISTINCT FROM 'c' || id) AS wrong,
            (SELECT attnotnull FROM pg_catalog.pg_attribute WHERE attrelid = 'public.items'::regclass AND attname = 'code') AS notnull,
            (SELECT count(*) FROM pg_catalog.pg_constraint WHERE conrelid = 'public.items'::regclass AND contype = 'c') AS checks`,
  );
  return { touched: Number(r!.touched), unfilled: Number(r!.unfilled), wrong: Number(r!.wrong), notnull: r!.notnull, checks: Number(r!.checks) };
}

/** A reader selecting one row by primary key in a loop; returns the longest wait once stopped. */
function reader(url: string): { stop(): Promise<{ longestMs: number; reads: number }> } {
  const db = connect(url, { max: 1 });
  let running = true;
  let longestMs = 0;
  let reads = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await db.query('SELECT name FROM items WHERE id = $1', [1 + (reads % ROWS)]);
      longestMs = Math.max(longestMs, performance.now() - started);
      reads++;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await db.close();
      return { longestMs, reads };
    },
  };
}

/**
 * The app's old version while the migration runs: it inserts rows without the new column, and
 * updates rows (moving them on the page, its trigger setting their updated_at).
 */
function inserter(url: string): { stop(): Promise<number> } {
  const db = connect(url, { max: 1 });
  let running = true;
  let inserted = 0;
  const loop = (async () => {
    for (let id = ROWS + 1; running; id++) {
      await db.exec(`INSERT INTO items (id, name, updated_at) VALUES (${id}, 'new', '${STAMP}')`).then(
        () => inserted++,
        () => undefined, // after SET NOT NULL the old version's insert fails: the breaking part of the change
      );
      await db.exec(`UPDATE items SET name = 'touched' WHERE id = ${1 + ((id * 7919) % ROWS)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await db.close();
      return inserted;
    },
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-backfill-'));
  for (const d of ['first', 'schema1', 'schema2']) mkdirSync(join(work, d));
  writeFileSync(join(work, 'schema1', 'functions.yaml'), FUNCTIONS);
  writeFileSync(join(work, 'schema1', 'items.yaml'), items(''));
  writeFileSync(join(work, 'schema2', 'functions.yaml'), FUNCTIONS);
  writeFileSync(join(work, 'schema2', 'items.yaml'), items(`      code: { type: text, not_null: true, backfill: "'c' || id" }\n`));
  // 001 creates the table; 002, planned against a database holding 001, adds the backfilled column.
  const t = await freshDatabase('backfill_plan');
  dbs.push(t);
  const first = await schema(['plan', '--db', t.url, '--schema', join(work, 'schema1'), '--migrations', join(work, 'first'), '--name', 'items']);
  expect(first.code, first.stderr).toBe(0);
  expect((await schema(['apply', '--db', t.url, '--migrations', join(work, 'first')])).code).toBe(0);
  migrations = join(work, 'migrations');
  cpSync(join(work, 'first'), migrations, { recursive: true });
  const second = await schema(['plan', '--db', t.url, '--schema', join(work, 'schema2'), '--migrations', migrations, '--name', 'code', '--allow-hazard', 'breaks-clients']);
  expect(second.code, second.stderr).toBe(0);
  bouncer = await startPgBouncer(adminUrl());
}, 120_000);

afterEach(async () => {
  await Promise.all(dbs.splice(0).map((t) => t.drop()));
});

afterAll(async () => {
  await bouncer?.stop();
});

describe('batched backfill', () => {
  it('the plan adds the column in its own transaction, backfills in a marked statement outside any, says so, and lints clean', async () => {
    const sql = readFileSync(join(migrations, '002_code.sql'), 'utf8');
    expect(sql).toMatch(/-- hazards: breaks-clients,not-transactional/);
    expect(sql).toMatch(/ADD COLUMN IF NOT EXISTS code text;\n\n-- \+ function public\.items_code_backfill[^]*?BEFORE INSERT ON public\.items[^;]*;\n\nCOMMIT;\n\n-- ~ backfill public\.items\.code in batches/);
    expect(sql).toMatch(/ALTER COLUMN code SET NOT NULL;[^]*DROP TRIGGER IF EXISTS items_code_backfill ON public\.items;[^]*DROP FUNCTION IF EXISTS public\.items_code_backfill\(\);\n\nCOMMIT;\n$/);
    expect(sql).toContain("current_setting('schema.backfill_rows', true)");
    expect(sql).not.toMatch(/^UPDATE /m);
    const lint = await schema(['lint', migrations]);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  });

  it('through PgBouncer (transaction mode): fills every row in batches, leaves updated_at alone, and never stalls a reader', async () => {
    const t = await seeded();
    const url = bouncer!.through(t.url);
    const read = reader(t.url);
    const insert = inserter(t.url);
    const applied = await schema(['apply', '--db', url, '--migrations', migrations, '--backfill-rows', '2000', '--backfill-pause', '10ms']);
    const { longestMs, reads } = await read.stop();
    const inserted = await insert.stop();
    expect(inserted).toBeGreaterThan(10);
    const [added] = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM items WHERE id > ${ROWS}`);
    expect(Number(added!.n)).toBe(inserted);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/backfill public\.items\.code: batches of 2,000 rows, 10 ms apart, each its own transaction; triggers items_updated_at \(on items\) do not fire/);
    const done = /backfill public\.items\.code: done, ([\d,]+) rows filled in \d+ batches, [\d.]+ s \([\d,]+ rows\/s\)/.exec(applied.stderr);
    expect(Number(done?.[1]?.replace(/,/g, ''))).toBeGreaterThanOrEqual(ROWS);
    expect(await facts(t.db)).toEqual({ touched: 0, unfilled: 0, wrong: 0, notnull: true, checks: 0 });
    expect(reads).toBeGreaterThan(20);
    // 250 ms is the benchmark's target on a quiet machine; here the suite shares the cores (the naive migration
    // stalls this reader for seconds: the whole UPDATE under ACCESS EXCLUSIVE).
    expect(longestMs, `longest reader wait ${Math.round(longestMs)} ms`).toBeLessThan(500);
    // The app's own updates still fire the trigger: only the backfill's transactions were silent.
    await t.db.exec(`UPDATE items SET name = 'renamed' WHERE id = 7`);
    const [row] = await t.db.query<{ fresh: boolean }>(`SELECT updated_at > now() - interval '1 minute' AS fresh FROM items WHERE id = 7`);
    expect(row!.fresh).toBe(true);
  }, 120_000);

  it('a kill mid-backfill leaves committed batches; apply run again continues and finishes', async () => {
    const t = await seeded();
    const child = spawnSchema(['apply', '--db', t.url, '--migrations', migrations, '--backfill-rows', '500', '--backfill-pause', '30ms', '--lease-ttl', '2']);
    child.stdout!.resume();
    child.stderr!.resume();
    const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let filled = 0;
    for (let i = 0; i < 400 && filled < 5000; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const rows = await t.db.query<{ n: string }>(`SELECT count(code) AS n FROM items`).catch(() => [{ n: '0' }]);
      filled = Number(rows[0]!.n);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const partial = await facts(t.db);
    expect(partial.unfilled).toBeGreaterThan(0);
    expect(partial.unfilled).toBeLessThan(ROWS - 4000);
    expect(partial.notnull).toBe(false);
    expect(partial.touched).toBe(0);
    // The fill trigger is still there after the kill; apply's next run drops it with SET NOT NULL.
    expect(await t.db.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'public.items'::regclass AND tgname = 'items_code_backfill'`)).toHaveLength(1);

    const again = await schema(['apply', '--db', t.url, '--migrations', migrations, '--wait', '30'], { timeoutMs: 90_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('resuming after an interrupted run');
    const done = again.stderr.match(/done, ([\d,]+) rows filled/);
    expect(Number(done![1]!.replace(/,/g, ''))).toBe(partial.unfilled);
    expect(await facts(t.db)).toEqual({ touched: 0, unfilled: 0, wrong: 0, notnull: true, checks: 0 });
    expect(await t.db.query(`SELECT 1 FROM pg_trigger WHERE tgname = 'items_code_backfill' UNION ALL SELECT 1 FROM pg_proc WHERE proname = 'items_code_backfill'`)).toEqual([]);
    const history = await t.db.query<{ version: number }>(`SELECT version::int AS version FROM schema_migrations.history ORDER BY version`);
    expect(history.map((h) => h.version)).toEqual([1, 2]);
  }, 120_000);
});
