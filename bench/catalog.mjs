// Introspection and `schema pull` figures: the number of catalog queries for a small and a large
// schema (must be equal), and pulling a 1,000-table Supabase-style schema against
// `pg_dump --schema-only` on the same database, side by side in one run: on the local server (output
// in memory, then on disk) and through a relay that adds one network hop of latency.
// Server: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else an embedded PostgreSQL 15.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLagProxy } from './lag-proxy.mjs';

const dist = new URL('../dist/', import.meta.url);
const { connect, startEmbedded, stopEmbedded } = await import(new URL('db/index.js', dist).href);
const { introspect, INTROSPECTION_QUERY_COUNT } = await import(new URL('catalog/index.js', dist).href);
const { pullDatabase, pullSpec, writePulled } = await import(new URL('pull/index.js', dist).href);
const { supabasePresetSql } = await import(new URL('presets/supabase.js', dist).href);

const quick = process.env.BENCH_QUICK === '1';
const LARGE = quick ? 500 : 5000;
const PULL_TABLES = quick ? 200 : 1000;

let base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
let dataDir;
if (!base) {
  const dir = mkdtempSync(join(tmpdir(), 'schema-bench-'));
  chmodSync(dir, 0o755);
  dataDir = join(dir, 'db');
  base = (await startEmbedded({ dataDir })).url;
}

const urlFor = (name) => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};

async function withDatabase(name, fn) {
  const admin = connect(base);
  await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${name}`);
  const db = connect(urlFor(name), { max: 2 });
  try {
    return await fn(db, urlFor(name));
  } finally {
    await db.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

function countingRunner(db) {
  let n = 0;
  return {
    count: () => n,
    runner: {
      readSnapshot: (fn) =>
        db.readSnapshot((tx) => fn({ query: (t, p) => (n++, tx.query(t, p)), each: (t, f) => (n++, tx.each(t, f)), exec: (s) => (n++, tx.exec(s)) })),
    },
  };
}

/** Latency for counting round trips: a database in another region. */
const FAR_MS = 25;

/** Introspection through a relay FAR_MS away, on a connection already open: its time is its round trips. */
async function roundTrips(tables) {
  return withDatabase(`bench_trips_${tables}`, async (db, url) => {
    await db.exec(Array.from({ length: tables }, (_, k) => plainTable(k)).join('\n'));
    const proxy = await startLagProxy(url, FAR_MS);
    const far = connect(proxy.url, { max: 1 });
    try {
      await far.query('SELECT 1');
      const times = [];
      let catalog;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        catalog = await introspect(far, { schemas: ['public'] });
        times.push(performance.now() - started);
      }
      return { tables: Object.keys(catalog.tables).length, ms: median(times) };
    } finally {
      await far.close();
      await proxy.close();
    }
  });
}

const plainTable = (i) => `CREATE TABLE t${i} (id int PRIMARY KEY, v text DEFAULT 'x' CHECK (v <> ''), ref int REFERENCES t${i} (id));`;

async function queryCount(tables) {
  return withDatabase(`bench_catalog_${tables}`, async (db) => {
    for (let i = 0; i < tables; i += 500) {
      await db.exec(Array.from({ length: Math.min(500, tables - i) }, (_, k) => plainTable(i + k)).join('\n'));
    }
    const counter = countingRunner(db);
    const started = performance.now();
    const catalog = await introspect(counter.runner, { schemas: ['public'] });
    const ms = performance.now() - started;
    return { tables: Object.keys(catalog.tables).length, queries: counter.count(), ms };
  });
}

const supabaseTable = (i) => `
CREATE TABLE public.items_${i} (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  title text NOT NULL DEFAULT '',
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX items_${i}_user_created_idx ON public.items_${i} (user_id, created_at DESC);
ALTER TABLE public.items_${i} ENABLE ROW LEVEL SECURITY;
CREATE POLICY items_${i}_select_own ON public.items_${i} FOR SELECT TO authenticated USING (auth.uid() = user_id);
CREATE POLICY items_${i}_modify_own ON public.items_${i} FOR UPDATE TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);
GRANT SELECT, UPDATE ON public.items_${i} TO authenticated;
GRANT ALL ON public.items_${i} TO service_role;
CREATE TRIGGER update_items_${i}_updated_at BEFORE UPDATE ON public.items_${i} FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Runs a command without blocking this process (the relay forwards while it runs). */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ status: -1, error, stderr }));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

/** One network hop of latency for the second comparison: a same-region hosted database. */
const LAG_MS = 1;

/** Runs in the benchmark's comparisons (medians): the machine's timings vary by tens of milliseconds. */
const RUNS = quick ? 3 : 7;

/**
 * Node reads the certificates named by NODE_EXTRA_CA_CERTS when it starts, before any code runs:
 * a cost of the machine's environment (tens of milliseconds for a system bundle), not of the tool.
 * When it is set, the command is also timed without it.
 */
const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
const envWithoutCerts = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

/** Median time of an empty Node process, with the environment given. */
async function nodeStartMs(env) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run(process.execPath, ['-e', ''], env);
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * `schema pull` (in-process, and as a command: a new process, like pg_dump) against
 * `pg_dump --schema-only`, alternating, on the database at `url`; medians of RUNS runs.
 */
async function pullVersusDump(url, label, outRoot) {
  const out = mkdtempSync(join(outRoot, 'schema-bench-pull-'));
  const pullTimes = [];
  const cliTimes = [];
  const cleanCliTimes = [];
  const dumpTimes = [];
  const readTimes = [];
  const bin = new URL('../bin/schema.js', import.meta.url).pathname;
  const readOnly = new URL('./read-catalog.mjs', import.meta.url).pathname;
  let dumpAvailable = true;
  try {
    for (let attempt = 0; attempt < RUNS; attempt++) {
      let started = performance.now();
      const pullDb = connect(url, { max: 1 });
      try {
        const { catalog, schemas } = await pullDatabase(pullDb);
        await writePulled(join(out, String(attempt)), pullSpec(catalog, { schemas }), true);
      } finally {
        await pullDb.close();
      }
      pullTimes.push(performance.now() - started);
      started = performance.now();
      const cli = await run(process.execPath, [bin, 'pull', '--db', url, '--out', join(out, `cli-${attempt}`)]);
      if (cli.status !== 0) throw new Error(`schema pull failed: ${cli.stderr}`);
      cliTimes.push(performance.now() - started);
      if (extraCerts !== undefined) {
        started = performance.now();
        const clean = await run(process.execPath, [bin, 'pull', '--db', url, '--out', join(out, `clean-${attempt}`)], envWithoutCerts);
        if (clean.status !== 0) throw new Error(`schema pull failed: ${clean.stderr}`);
        cleanCliTimes.push(performance.now() - started);
      }
      started = performance.now();
      const read = await run(process.execPath, [readOnly, url]);
      if (read.status !== 0) throw new Error(`reading the catalog failed: ${read.stderr}`);
      readTimes.push(performance.now() - started);
      started = performance.now();
      const dump = await run('pg_dump', ['--schema-only', '--no-owner', '-d', url, '-f', join(out, `dump-${attempt}.sql`)]);
      if (dump.error || dump.status !== 0) {
        dumpAvailable = false;
        console.log(`pg_dump unavailable or failed: ${(dump.error?.message ?? dump.stderr ?? '').trim().split('\n')[0]}`);
        break;
      }
      dumpTimes.push(performance.now() - started);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const pullMs = median(pullTimes);
  const cliMs = median(cliTimes);
  console.log(`${label}: schema pull of ${PULL_TABLES} Supabase-style tables (connect, introspect, write YAML) in-process: ${pullMs.toFixed(0)} ms`);
  console.log(`${label}: schema pull as a command (node bin/schema.js pull, process start to exit): ${cliMs.toFixed(0)} ms`);
  if (!dumpAvailable) return;
  const dumpMs = median(dumpTimes);
  const verdict = (ms) => (ms < dumpMs ? '(pull is faster)' : '(pull is SLOWER)');
  console.log(`${label}: pg_dump --schema-only, same database: ${dumpMs.toFixed(0)} ms`);
  console.log(`${label}: pull / pg_dump ${(pullMs / dumpMs).toFixed(2)}x ${verdict(pullMs)}; pull command / pg_dump ${(cliMs / dumpMs).toFixed(2)}x ${verdict(cliMs)}`);
  const readMs = median(readTimes);
  console.log(`${label}: floor: a node process that only connects and reads the catalog (no YAML, no files): ${readMs.toFixed(0)} ms, ${(readMs / dumpMs).toFixed(2)}x pg_dump`);
  if (cleanCliTimes.length > 0) {
    const cleanMs = median(cleanCliTimes);
    console.log(`${label}: schema pull as a command without NODE_EXTRA_CA_CERTS: ${cleanMs.toFixed(0)} ms, ${(cleanMs / dumpMs).toFixed(2)}x pg_dump ${verdict(cleanMs)}`);
  }
}

try {
  console.log(`catalog queries per introspection: ${INTROSPECTION_QUERY_COUNT} (+1 statement fixing the session's print settings)`);
  console.log(`an empty node process on this machine: ${(await nodeStartMs(process.env)).toFixed(0)} ms`);
  if (extraCerts !== undefined) {
    console.log(`  NODE_EXTRA_CA_CERTS is set (${extraCerts}): node reads it at every start; without it: ${(await nodeStartMs(envWithoutCerts)).toFixed(0)} ms`);
  }
  const small = await queryCount(10);
  const large = await queryCount(LARGE);
  console.log(`introspect ${small.tables} tables: ${small.queries} statements, ${small.ms.toFixed(0)} ms`);
  const trips = await roundTrips(10);
  console.log(
    `introspect ${trips.tables} tables ${FAR_MS} ms away (each way), connection open: ${trips.ms.toFixed(0)} ms, a round trip being ${2 * FAR_MS} ms (BEGIN, the statements and COMMIT go out together)`,
  );
  console.log(`introspect ${large.tables} tables: ${large.queries} statements, ${large.ms.toFixed(0)} ms`);
  console.log(`query count constant: ${small.queries === large.queries ? 'yes' : 'NO'}`);
  if (small.queries !== large.queries) process.exitCode = 1;

  await withDatabase('bench_pull', async (db, url) => {
    await db.exec(supabasePresetSql());
    await db.exec(`CREATE OR REPLACE FUNCTION public.update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at = now(); RETURN NEW; END; $$;`);
    for (let i = 0; i < PULL_TABLES; i += 100) {
      await db.exec(Array.from({ length: Math.min(100, PULL_TABLES - i) }, (_, k) => supabaseTable(i + k)).join('\n'));
    }
    // Both tools write to the same place. In memory, the figures compare the tools; on disk, this
    // machine's file creation (a thousand files against pg_dump's one) counts too.
    const memory = existsSync('/dev/shm') ? '/dev/shm' : undefined;
    if (memory) await pullVersusDump(url, 'local server, output in memory', memory);
    await pullVersusDump(url, 'local server, output on disk', tmpdir());
    const proxy = await startLagProxy(url, LAG_MS);
    try {
      await pullVersusDump(proxy.url, `the same server one hop away (${LAG_MS} ms each way), output ${memory ? 'in memory' : 'on disk'}`, memory ?? tmpdir());
    } finally {
      await proxy.close();
    }
  });
} finally {
  if (dataDir) {
    await stopEmbedded(dataDir);
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }
}
