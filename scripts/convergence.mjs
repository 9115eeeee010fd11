#!/usr/bin/env node
/**
 * Convergence on real (before, after) schema pairs, the way an adopting team would meet them:
 * pull the after-state as YAML, plan it against the before-state, apply, and compare catalogs.
 *
 *   npm run build && node scripts/convergence.mjs CASES_DIR [--only NAME] [--json FILE] [--keep]
 *
 * CASES_DIR holds <source>/<case>/{before.sql,after.sql[,setup.sql]} (or <case>/... directly).
 * setup.sql (optional) runs first on both databases (e.g. roles a fixture grants to).
 * Server: $DATABASE_URL_ADMIN, else postgres://postgres@127.0.0.1:5432/postgres.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => import(join(root, 'dist', path));
const { connect } = await dist('db/index.js');
const { introspect, catalogJson, catalogDifferences, projectCatalog } = await dist('catalog/index.js');
const { supabasePresetSql } = await dist('presets/supabase.js');
const { loadSpec, toCatalog } = await dist('spec/index.js');

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const casesDir = args.find((a, i) => !a.startsWith('--') && !['--only', '--json'].includes(args[i - 1]));
if (!casesDir) {
  process.stderr.write('usage: node scripts/convergence.mjs CASES_DIR [--only NAME] [--json FILE] [--keep]\n');
  process.exit(2);
}
const only = flag('--only');
const keep = args.includes('--keep');
const adminUrl = process.env.DATABASE_URL_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const bin = join(root, 'bin', 'schema.js');

/** Cases: <dir>/<source>/<case> or <dir>/<case>, each holding after.sql. */
function findCases(dir) {
  const out = [];
  const walk = (path, source) => {
    if (existsSync(join(path, 'after.sql'))) {
      out.push({ source, name: path.split('/').pop(), dir: path });
      return;
    }
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) walk(join(path, entry.name), source ?? entry.name);
    }
  };
  walk(resolve(dir), undefined);
  return out.map((c) => ({ ...c, source: c.source ?? 'cases' }));
}

function dbUrl(name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function run(argv, cwd) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...argv], { cwd, env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code, out, err }));
  });
}

/** First meaningful line of a CLI failure, for the table. */
function reason(result) {
  const text = `${result.err}\n${result.out}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(Reading|Pulled|Planning|Loading|Introspect|verify)/.test(l));
  const at = text.findIndex((l) => /error|fail|refus|invalid|unsupported|cannot|must/i.test(l));
  if (at < 0) return (text[0] ?? `exit ${result.code}`).slice(0, 300);
  // A verification failure names its phase first, then the statement error or the differences.
  const detail = /verification failed|nothing was written/.test(text[at]) ? ` ${text.slice(at + 1, at + 3).join(' ')}` : '';
  return `${text[at]}${detail}`.slice(0, 400);
}

/** What in a case's SQL a declarative YAML tool cannot express (or this server cannot run). */
function outOfScope(sql, available) {
  const reasons = [];
  for (const m of sql.matchAll(/create\s+extension\s+(?:if\s+not\s+exists\s+)?"?([\w-]+)"?/gi)) {
    if (!available.has(m[1].toLowerCase())) reasons.push(`extension ${m[1]} not installed on the server`);
  }
  return reasons;
}

async function withAdmin(fn) {
  const admin = connect(adminUrl);
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

async function freshDb(admin, name, sqls) {
  await admin.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE "${name}"`);
  const db = connect(dbUrl(name));
  try {
    for (const [label, sql] of sqls) {
      try {
        await db.exec(sql);
      } catch (error) {
        throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await db.close();
  }
}

async function read(name, scope, roles) {
  const db = connect(dbUrl(name));
  try {
    return projectCatalog(await introspect(db, scope), roles);
  } finally {
    await db.close();
  }
}

/** Drop DML statements (schema only), keeping everything else as written. */
const DML_KINDS = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'CopyStmt', 'MergeStmt', 'TruncateStmt']);
async function schemaOnly(sql) {
  const { splitStatements } = await dist('sql/parse.js');
  try {
    const kept = splitStatements(sql).filter(
      (s) => !DML_KINDS.has(s.kind) && !(s.kind === 'SelectStmt' && !s.node.SelectStmt?.intoClause),
    );
    return kept.map((s) => `${s.text};\n`).join('');
  } catch {
    return sql;
  }
}

async function runCase(c, admin, available, index) {
  const tag = `conv_${process.pid}_${index}`;
  const [dbA, dbB] = [`${tag}_a`, `${tag}_b`];
  const work = mkdtempSync(join(tmpdir(), 'convergence-'));
  const setup = existsSync(join(c.dir, 'setup.sql')) ? readFileSync(join(c.dir, 'setup.sql'), 'utf8') : '';
  const before = existsSync(join(c.dir, 'before.sql')) ? readFileSync(join(c.dir, 'before.sql'), 'utf8') : '';
  const after = readFileSync(join(c.dir, 'after.sql'), 'utf8');
  const result = { source: c.source, name: c.name, status: 'converged', reason: '' };
  const fail = (status, why) => Object.assign(result, { status, reason: String(why).replace(/\s+/g, ' ').trim() });
  try {
    const scopeReasons = outOfScope(`${setup}\n${before}\n${after}`, available);
    if (scopeReasons.length > 0) return fail('out of scope', [...new Set(scopeReasons)].join('; '));
    const preset = ['preset', supabasePresetSql()];
    try {
      await freshDb(admin, dbB, [['setup', setup], preset, ['after.sql', await schemaOnly(after)]]);
      await freshDb(admin, dbA, [['setup', setup], preset, ['before.sql', await schemaOnly(before)]]);
    } catch (error) {
      return fail('out of scope', `fixture does not run on this server: ${error.message}`);
    }
    const schemaDir = join(work, 'schema');
    const migDir = join(work, 'mig');
    const pull = await run(['pull', '--db', dbUrl(dbB), '--out', schemaDir], work);
    if (pull.code !== 0) return fail('pull failed', reason(pull));
    const validate = await run(['validate', '--schema', schemaDir], work);
    if (validate.code === 2) return fail('validate failed', reason(validate));
    // The spec unchanged against its own source: nothing to do.
    const noop = await run(['plan', '--db', dbUrl(dbB), '--schema', schemaDir, '--migrations', join(work, 'noop'), '--dry-run', '--allow-destructive', '--allow-hazard', 'all'], work);
    if (noop.code !== 0) return fail('no-op plan failed', reason(noop));
    if (!/No changes/.test(noop.out + noop.err)) return fail('no-op plan not empty', (noop.out.split('\n').find((l) => /^\s*[+~-]|CREATE|ALTER|DROP/.test(l)) ?? noop.out).slice(0, 300));
    const plan = await run(['plan', '--db', dbUrl(dbA), '--schema', schemaDir, '--migrations', migDir, '--allow-destructive', '--allow-hazard', 'all'], work);
    if (plan.code !== 0) return fail('plan failed', reason(plan));
    if (!/No changes/.test(plan.out + plan.err)) {
      const apply = await run(['apply', '--db', dbUrl(dbA), '--migrations', migDir], work);
      if (apply.code !== 0) return fail('apply failed', reason(apply));
    }
    const { spec } = await loadSpec(schemaDir);
    const { inputs } = toCatalog(spec, { preset: 'supabase' });
    const scope = { schemas: inputs.managedSchemas, extensions: inputs.extensions };
    const [a, b] = [await read(dbA, scope, inputs.managedRoles), await read(dbB, scope, inputs.managedRoles)];
    if (catalogJson(a) !== catalogJson(b)) return fail('diverged', catalogDifferences(a, b, 5).join('; '));
    return result;
  } catch (error) {
    return fail('harness error', error instanceof Error ? error.message : String(error));
  } finally {
    if (!keep) {
      rmSync(work, { recursive: true, force: true });
      await admin.exec(`DROP DATABASE IF EXISTS "${dbA}" WITH (FORCE)`).catch(() => {});
      await admin.exec(`DROP DATABASE IF EXISTS "${dbB}" WITH (FORCE)`).catch(() => {});
    } else {
      process.stderr.write(`kept ${c.name}: ${work} ${dbA} ${dbB}\n`);
    }
  }
}

const cases = findCases(casesDir).filter((c) => !only || c.name === only || `${c.source}/${c.name}` === only);
const results = await withAdmin(async (admin) => {
  const rows = await admin.query('SELECT name FROM pg_available_extensions');
  const available = new Set(rows.map((r) => String(r.name)));
  const out = [];
  const concurrency = Number(process.env.CONVERGENCE_JOBS ?? 4);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases.length) {
        const i = next++;
        out[i] = await runCase(cases[i], admin, available, i);
        process.stderr.write('.');
      }
    }),
  );
  process.stderr.write('\n');
  return out;
});

const pad = (s, n) => (s.length > n ? s : s + ' '.repeat(n - s.length));
for (const r of results) {
  process.stdout.write(`${pad(`${r.source}/${r.name}`, 48)} ${pad(r.status, 20)} ${r.reason}\n`);
}
process.stdout.write('\n');
const sources = [...new Set(results.map((r) => r.source))].sort();
const summarize = (rows) => {
  const inScope = rows.filter((r) => r.status !== 'out of scope');
  const ok = inScope.filter((r) => r.status === 'converged').length;
  return { total: rows.length, inScope: inScope.length, converged: ok, rate: inScope.length ? (100 * ok) / inScope.length : 0 };
};
for (const source of [...sources, '(all)']) {
  const s = summarize(source === '(all)' ? results : results.filter((r) => r.source === source));
  process.stdout.write(`${pad(source, 20)} cases ${s.total}, in scope ${s.inScope}, converged ${s.converged}: ${s.rate.toFixed(1)}%\n`);
}
const byStatus = {};
for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
process.stdout.write(`${Object.entries(byStatus).sort().map(([k, v]) => `${k}: ${v}`).join(', ')}\n`);
const jsonOut = flag('--json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
