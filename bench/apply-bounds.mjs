// How `schema apply` behaves behind long transactions on a 200,000-row table (BENCH_QUICK=1: 20,000)
// with one reader selecting by primary key every 20 ms:
//  1. an index build (CREATE INDEX CONCURRENTLY) behind a 45 s transaction (BENCH_QUICK: 15 s) that
//     read the table and holds its snapshot, with --lock-timeout 1s --statement-timeout 10s
//     --lock-retries 3: how long until apply gives up, whether an INVALID index is left, and that
//     the next apply finishes once the blocker has ended;
//  2. ALTER TABLE behind a lock held 20 s (BENCH_QUICK: 8 s), from a file whose transaction says
//     `SET LOCAL lock_timeout = '5s'`, with --lock-timeout 1s: the reader's longest wait, the
//     attempts, and apply's exit.
// Server: BENCH_DATABASE_URL, else an embedded PostgreSQL 15. Also through PgBouncer when
// BENCH_PGBOUNCER_URL (a URL of the same server through PgBouncer in transaction mode) is set.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, startEmbedded, stopEmbedded } from '../dist/db/index.js';

const root = new URL('..', import.meta.url).pathname;
const QUICK = Boolean(process.env.BENCH_QUICK);
const ROWS = QUICK ? 20_000 : 200_000;
const BUILD_BLOCKER_S = QUICK ? 15 : 45;
const LOCK_HELD_S = QUICK ? 8 : 20;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function schema(args, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'schema.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, ms: performance.now() - started }));
  });
}

function withDatabase(base, name) {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Selects one row by primary key every 20 ms; stop() returns the longest wait in ms. */
function reader(url) {
  const db = connect(url, { max: 1 });
  let running = true;
  let longest = 0;
  const loop = (async () => {
    for (let i = 1; running; i++) {
      const started = performance.now();
      await db.query('SELECT v FROM t WHERE id = $1', [1 + (i * 7919) % ROWS]);
      longest = Math.max(longest, performance.now() - started);
      await sleep(20);
    }
  })();
  return { stop: async () => ((running = false), await loop, await db.close(), longest) };
}

/** A transaction that reads t, then sleeps `seconds` (holding its snapshot and ACCESS SHARE on t). */
function blocker(url, seconds) {
  const db = connect(url, { max: 1 });
  return db
    .transaction(async (tx) => {
      await tx.query('SELECT count(*) FROM t');
      await tx.query(`SELECT pg_sleep(${seconds})`);
    })
    .finally(() => db.close());
}

function project(work, name, files) {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

async function indexBuild(admin, url, applyUrl, work, label) {
  await admin.exec('DROP INDEX IF EXISTS t_v_idx');
  const dir = project(work, `build-${label}`, {
    '001_t_v_idx.sql': 'CREATE INDEX CONCURRENTLY IF NOT EXISTS t_v_idx ON t (v);\n',
    'rollback_001.sql': 'DROP INDEX CONCURRENTLY IF EXISTS t_v_idx;\n',
  });
  const blocked = blocker(url, BUILD_BLOCKER_S);
  await sleep(300);
  const r = reader(url);
  const first = await schema(['apply', '--db', applyUrl, '--migrations', dir, '--lock-timeout', '1s', '--statement-timeout', '10s', '--lock-retries', '3'], work);
  const invalid = await admin.query(`SELECT count(*)::int AS n FROM pg_index WHERE indrelid = 't'::regclass AND NOT indisvalid`);
  const any = await admin.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = 't_v_idx'`);
  await blocked;
  const second = await schema(['apply', '--db', applyUrl, '--migrations', dir, '--lock-timeout', '1s', '--statement-timeout', '10s'], work);
  const valid = await admin.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v_idx'::regclass`);
  const longest = await r.stop();
  console.log(`index build behind a ${BUILD_BLOCKER_S} s transaction (${label}), --lock-timeout 1s --statement-timeout 10s --lock-retries 3:`);
  console.log(`  first apply: exit ${first.code} after ${(first.ms / 1000).toFixed(1)} s (${first.ms < BUILD_BLOCKER_S * 1000 ? 'gave up before the blocker ended' : 'OUTLASTED the blocker'}), ${(first.stderr.match(/retry \d+\/\d+/g) ?? []).length} retries`);
  console.log(`  after it: ${invalid[0].n} INVALID index(es), ${any[0].n} relation(s) named t_v_idx`);
  console.log(`  apply after the blocker ended: exit ${second.code} in ${(second.ms / 1000).toFixed(1)} s, t_v_idx valid: ${valid[0]?.indisvalid}`);
  console.log(`  reader's longest wait throughout: ${longest.toFixed(0)} ms`);
  return first.code === 1 && invalid[0].n === 0 && second.code === 0 && valid[0]?.indisvalid === true;
}

async function heldLock(admin, url, applyUrl, work, label) {
  await admin.exec('ALTER TABLE t DROP COLUMN IF EXISTS note');
  const dir = project(work, `lock-${label}`, {
    '001_note.sql': `BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '15min';\nALTER TABLE t ADD COLUMN IF NOT EXISTS note text;\nCOMMIT;\n`,
    'rollback_001.sql': 'ALTER TABLE t DROP COLUMN IF EXISTS note;\n',
  });
  const blocked = blocker(url, LOCK_HELD_S);
  await sleep(300);
  const r = reader(url);
  const result = await schema(['apply', '--db', applyUrl, '--migrations', dir, '--lock-timeout', '1s'], work);
  const longest = await r.stop();
  await blocked;
  const added = await admin.query(`SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'note' AND NOT attisdropped`);
  const retries = (result.stderr.match(/retry \d+\/\d+/g) ?? []).length;
  console.log(`ALTER TABLE behind a lock held ${LOCK_HELD_S} s (${label}), file SET LOCAL lock_timeout = '5s', --lock-timeout 1s:`);
  console.log(`  apply: exit ${result.code} after ${(result.ms / 1000).toFixed(1)} s, ${retries} retries, column added: ${added[0].n === 1}`);
  console.log(`  reader's longest wait: ${longest.toFixed(0)} ms (one lock timeout: 1000 ms)`);
  return result.code === 0 && added[0].n === 1 && longest < 1500;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'schema-bench-bounds-'));
  chmodSync(work, 0o755);
  let base = process.env.BENCH_DATABASE_URL;
  let serverDir;
  if (!base) {
    serverDir = join(work, 'server');
    mkdirSync(serverDir);
    chmodSync(serverDir, 0o755);
    base = (await startEmbedded({ dataDir: join(serverDir, 'db'), version: 15 })).url;
  }
  const name = `bench_bounds_${Math.random().toString(16).slice(2, 8)}`;
  const server = connect(base, { max: 1 });
  await server.exec(`CREATE DATABASE ${name}`);
  const url = withDatabase(base, name);
  const admin = connect(url, { max: 1 });
  let ok = true;
  try {
    await admin.exec(`CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, g FROM generate_series(1, ${ROWS}) g`);
    await admin.exec("VACUUM ANALYZE t");
    const routes = [['direct', url]];
    if (process.env.BENCH_PGBOUNCER_URL) routes.push(['through PgBouncer', withDatabase(process.env.BENCH_PGBOUNCER_URL, name)]);
    for (const [label, applyUrl] of routes) {
      ok = (await indexBuild(admin, url, applyUrl, work, label.replace(/\W+/g, '-'))) && ok;
      await admin.exec(`DROP SCHEMA IF EXISTS schema_migrations CASCADE`);
      ok = (await heldLock(admin, url, applyUrl, work, label.replace(/\W+/g, '-'))) && ok;
      await admin.exec(`DROP SCHEMA IF EXISTS schema_migrations CASCADE`);
    }
  } finally {
    await admin.close();
    await server.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.close();
    if (serverDir) await stopEmbedded(join(serverDir, 'db'));
    rmSync(work, { recursive: true, force: true });
  }
  if (!ok) {
    console.log('FAILED: see above');
    process.exitCode = 1;
  }
}

await main();
