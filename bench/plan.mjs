// Benchmark of `schema plan` on Supabase-style schemas of 100, 1,000 and 5,000 tables
// (BENCH_SIZES=100,1000 to choose): the initial plan, a warm no-op plan and a one-column change,
// with phase timings and peak memory, and @pgkit/migra's diff of the same databases in the same run.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, startEmbedded, stopEmbedded } from '../dist/db/index.js';
import { supabasePresetSql } from '../dist/presets/supabase.js';

const root = new URL('..', import.meta.url).pathname;
const sizes = (process.env.BENCH_SIZES ?? (process.env.BENCH_QUICK ? '100' : '100,1000,5000')).split(',').map(Number);

function tableYaml(i) {
  const name = `item_${String(i).padStart(5, '0')}`;
  return `tables:
  ${name}:
    columns:
      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
      owner_id: { type: uuid, not_null: true, references: { table: auth.users, on_delete: cascade } }
      title: { type: text, not_null: true }
      payload: { type: jsonb, not_null: true, default: {} }
      created_at: { type: timestamptz, not_null: true, default: now() }
      updated_at: { type: timestamptz, not_null: true, default: now() }
    indexes:
      - { columns: [owner_id, created_at] }
    rls: true
    grants: { authenticated: [select, insert, update, delete], service_role: [select, insert, update, delete] }
    policies:
      ${name}_select_own: { for: select, to: authenticated, using: auth.uid() = owner_id }
      ${name}_insert_own: { for: insert, to: authenticated, check: auth.uid() = owner_id }
      ${name}_update_own: { for: update, to: authenticated, using: auth.uid() = owner_id, check: auth.uid() = owner_id }
      ${name}_delete_own: { for: delete, to: authenticated, using: auth.uid() = owner_id }
    triggers:
      ${name}_updated_at: { before: update, for_each: row, function: update_updated_at_column }
`;
}

const FUNCTIONS = `functions:
  update_updated_at_column:
    returns: trigger
    language: plpgsql
    body: |
      BEGIN
        NEW.updated_at = now();
        RETURN NEW;
      END;
`;

function writeSpec(dir, size) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'functions.yaml'), FUNCTIONS);
  for (let i = 0; i < size; i++) writeFileSync(join(dir, `t${i}.yaml`), tableYaml(i));
}

/** Runs the CLI in a child process and reports wall time, its JSON output and peak RSS. */
function runCli(args, cwd) {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, join(root, 'bin', 'schema.js'), ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const rss = Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
      let json;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code, ms, rssMb: rss, json, stdout, stderr });
    });
  });
}

async function timeMigra(fromUrl, toUrl) {
  const { run } = await import('@pgkit/migra');
  const start = performance.now();
  const migration = await run(fromUrl, toUrl, { unsafe: true, schema: 'public' });
  const ms = performance.now() - start;
  return { ms, statements: migration.statements.length };
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  let serverDir;
  let baseUrl = process.env.BENCH_DATABASE_URL;
  if (!baseUrl) {
    serverDir = mkdtempSync(join(tmpdir(), 'schema-bench-'));
    chmodSync(serverDir, 0o755);
    baseUrl = (await startEmbedded({ dataDir: join(serverDir, 'db'), version: 15 })).url;
  }
  const admin = connect(baseUrl);
  const rows = [];
  try {
    for (const size of sizes) {
      const work = mkdtempSync(join(tmpdir(), `schema-bench-${size}-`));
      const live = `bench_live_${size}`;
      const copy = `bench_copy_${size}`;
      for (const db of [live, copy]) {
        await admin.exec(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
        await admin.exec(`CREATE DATABASE ${db}`);
      }
      const url = (db) => Object.assign(new URL(baseUrl), { pathname: `/${db}` }).toString();
      for (const db of [live, copy]) {
        const c = connect(url(db));
        await c.exec(supabasePresetSql());
        await c.close();
      }
      const specDir = join(work, 'schema');
      writeSpec(specDir, size);
      const common = ['--schema', specDir, '--migrations', join(work, 'migrations'), '--format', 'json'];
      const initial = await runCli(['plan', '--db', url(live), ...common], work);
      if (initial.code !== 0) throw new Error(`initial plan failed: ${initial.stderr.slice(0, 2000)}`);
      for (const db of [live, copy]) {
        const applied = await runCli(['apply', '--db', url(db), '--migrations', join(work, 'migrations')], work);
        if (applied.code !== 0) throw new Error(`apply failed: ${applied.stderr.slice(0, 2000)}`);
      }
      const noop = await runCli(['plan', '--db', url(live), ...common], work);
      const migraNoop = await timeMigra(url(live), url(copy));
      // One-column change: on the spec for `plan`, by hand on the copy for migra.
      const file = join(specDir, 't0.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('      title: { type: text, not_null: true }\n', '      title: { type: text, not_null: true }\n      subtitle: { type: text }\n'));
      const change = await runCli(['plan', '--db', url(live), '--dry-run', ...common], work);
      const c = connect(url(copy));
      await c.exec('ALTER TABLE item_00000 ADD COLUMN subtitle text');
      await c.close();
      const migraChange = await timeMigra(url(live), url(copy));
      rows.push({ size, initial, noop, change, migraNoop, migraChange });
      rmSync(work, { recursive: true, force: true });
      for (const db of [live, copy]) await admin.exec(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    }
  } finally {
    await admin.close();
    if (serverDir) {
      await stopEmbedded(join(serverDir, 'db'));
      rmSync(serverDir, { recursive: true, force: true });
    }
  }
  console.log('schema plan on Supabase-style schemas (RLS, 3 policies, an index, a trigger and grants per table)');
  console.log('| tables | case | schema plan | phases (ms) | peak RSS | migra diff | migra / schema |');
  console.log('| ---: | --- | ---: | --- | ---: | ---: | ---: |');
  for (const r of rows) {
    const phases = (run) => Object.entries(run.json?.timings ?? {}).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
    console.log(`| ${r.size} | initial (empty db) | ${fmt(r.initial.ms)} | ${phases(r.initial)} | ${r.initial.rssMb.toFixed(0)} MB | | |`);
    console.log(`| ${r.size} | no-op, cache warm | ${fmt(r.noop.ms)} | ${phases(r.noop)} | ${r.noop.rssMb.toFixed(0)} MB | ${fmt(r.migraNoop.ms)} | ${(r.migraNoop.ms / r.noop.ms).toFixed(1)}x |`);
    console.log(`| ${r.size} | one new column | ${fmt(r.change.ms)} | ${phases(r.change)} | ${r.change.rssMb.toFixed(0)} MB | ${fmt(r.migraChange.ms)} | ${(r.migraChange.ms / r.change.ms).toFixed(1)}x |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
