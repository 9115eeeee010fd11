/**
 * One transition of a case, as a user runs it and judged by the oracle (oracle.ts), never by the
 * project's Catalog: the target state is pulled to YAML; `plan` then `apply` on the source state
 * (with its seeded rows) must reach the target's catalog, keep every row and rewrite no table
 * without a declared `rewrites-table` hazard; a second plan must be empty; the rollback must
 * restore the source's catalog; a second apply must reach the target again.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Queryable } from '../../src/db/index.js';
import { adminUrl, freshDatabase, type TestDatabase } from '../helpers/db.js';
import type { OracleCase } from './cases.js';
import { snapshot, snapshotDiff, type Snapshot } from './oracle.js';

export const ROLES = ['anon', 'authenticated', 'service_role', 'app_owner', 'app_reader', 'app_writer'];

export const ensureRolesSql = ROLES.map(
  (role) => `DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;`,
).join('\n');

export type Step = 'source' | 'target' | 'pull' | 'plan' | 'forward' | 'rows' | 'rewrites' | 'replan' | 'rollback' | 'reapply' | 'untouched';

export interface Outcome {
  readonly ok: boolean;
  /** The first step that failed. */
  readonly failed?: Step;
  readonly detail?: string;
}

interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function cli(args: readonly string[], cwd: string): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => void out.push(t), err: (t) => void err.push(t), color: false }, cwd);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Rows per table and the file each table lives in, by name (materialized views hold derived rows, not kept ones). */
async function tableFacts(db: Queryable): Promise<{ rows: Map<string, number>; files: Map<string, string> }> {
  const tables = await db.query<{ name: string; file: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name, c.relfilenode::text AS file FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'schema_migrations')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`,
  );
  const rows = new Map<string, number>();
  for (const t of tables) {
    const [{ count }] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ONLY ${t.name}`);
    rows.set(t.name, count);
  }
  return { rows, files: new Map(tables.map((t) => [t.name, t.file])) };
}

const fail = (failed: Step, detail: string): Outcome => ({ ok: false, failed, detail });
const differs = (a: Snapshot, b: Snapshot, limit = 12): string | undefined => {
  const lines = snapshotDiff(a, b);
  return lines.length === 0 ? undefined : lines.slice(0, limit).join('\n') + (lines.length > limit ? `\n... ${lines.length - limit} more` : '');
};
const cliText = (run: CliRun): string => `exit ${run.code}\n${[run.err, run.out].filter(Boolean).join('\n').slice(0, 3000)}`;

/** Out of scope: the tool must run and leave the objects it does not own exactly as they were. */
const FOREIGN_SECTIONS = ['rules', 'event_triggers'];

export async function runTransition(c: OracleCase, from: string, to: string, seed: string): Promise<Outcome> {
  const dbs: TestDatabase[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'schema-oracle-'));
  try {
    const target = await freshDatabase('ot');
    dbs.push(target);
    const source = await freshDatabase('os');
    dbs.push(source);
    try {
      await target.db.exec(to);
    } catch (error) {
      return fail('target', String(error));
    }
    try {
      await source.db.exec(from);
      if (seed) await source.db.exec(seed);
    } catch (error) {
      return fail('source', String(error));
    }
    const want = await snapshot(target.db);
    const start = await snapshot(source.db);
    const before = await tableFacts(source.db);
    writeFileSync(
      join(dir, 'schema.config.yaml'),
      `schema: schema\nmigrations: generated-migrations\npreset: none\nshadow_url: ${adminUrl()}\nexposed_schemas: []\nlock_timeout: 5s\nstatement_timeout: 1min\n`,
    );
    const pulled = await cli(['pull', '--db', target.url, '--out', join(dir, 'schema')], dir);
    if (pulled.code !== 0) return fail('pull', cliText(pulled));
    const outOfScope = c.kind === 'out-of-scope';
    const planned = await cli(['plan', '--db', source.url, '--allow-destructive', '--allow-hazard', 'all', '--format', 'json'], dir);
    if (planned.code !== 0) return fail('plan', cliText(planned));
    const report = JSON.parse(planned.out) as { status: string; hazards: string[] };
    if (report.status === 'no-changes') {
      const gap = outOfScope ? undefined : differs(start, want);
      return gap ? fail('plan', `no changes planned, but:\n${gap}`) : { ok: true };
    }
    const applied = await cli(['apply', '--db', source.url], dir);
    if (applied.code !== 0) return fail('forward', cliText(applied));
    const reached = await snapshot(source.db);
    if (outOfScope) {
      const kept = differs(pick(start, FOREIGN_SECTIONS), pick(reached, FOREIGN_SECTIONS));
      if (kept) return fail('untouched', kept);
    } else {
      const gap = differs(reached, want);
      if (gap) return fail('forward', gap);
    }
    const after = await tableFacts(source.db);
    for (const [table, count] of before.rows) {
      if (after.rows.has(table) && after.rows.get(table) !== count) return fail('rows', `${table}: ${count} rows before, ${after.rows.get(table)} after`);
    }
    if (!report.hazards.includes('rewrites-table')) {
      const rewritten = [...before.files].filter(([table, file]) => after.files.has(table) && after.files.get(table) !== file && (before.rows.get(table) ?? 0) > 0);
      if (rewritten.length > 0) return fail('rewrites', `rewritten without a rewrites-table hazard: ${rewritten.map(([t]) => t).join(', ')}`);
    }
    const again = await cli(['plan', '--db', source.url, '--allow-destructive', '--allow-hazard', 'all', '--format', 'json', '--dry-run'], dir);
    if (again.code !== 0) return fail('replan', cliText(again));
    if ((JSON.parse(again.out) as { status: string }).status !== 'no-changes') return fail('replan', again.out.slice(0, 3000));
    const version = readdirSync(join(dir, 'generated-migrations')).find((f) => /^\d+_.*\.sql$/.test(f))!.split('_')[0]!;
    const rolled = await cli(['apply', '--db', source.url, '--rollback', version], dir);
    if (rolled.code !== 0) return fail('rollback', cliText(rolled));
    const restored = differs(await snapshot(source.db), start);
    if (restored) return fail('rollback', restored);
    const reapplied = await cli(['apply', '--db', source.url], dir);
    if (reapplied.code !== 0) return fail('reapply', cliText(reapplied));
    const gap = outOfScope ? undefined : differs(await snapshot(source.db), want);
    if (gap) return fail('reapply', gap);
    return { ok: true };
  } finally {
    for (const db of dbs) await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function pick(s: Snapshot, sections: readonly string[]): Snapshot {
  return Object.fromEntries(sections.map((k) => [k, s[k] ?? []]));
}
