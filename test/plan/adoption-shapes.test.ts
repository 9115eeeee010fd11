/**
 * Shapes met in real adopted databases, through the commands a team runs: `pull` the target
 * database as YAML, `plan --allow-destructive` it against the current one, `apply`, and the two
 * catalogs must then be equal; the pulled spec planned against its own source is `No changes`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogDifferences, catalogJson, introspect, projectCatalog, type Catalog } from '../../src/catalog/index.js';
import type { Db } from '../../src/db/index.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { loadSpec, toCatalog } from '../../src/spec/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { freshDatabase } from '../helpers/db.js';

interface Shape {
  readonly name: string;
  readonly before: string;
  readonly after: string;
  /** What the pulled spec plans against its own source, when not `No changes`. */
  readonly selfPlan?: RegExp;
}

const SHAPES: readonly Shape[] = [
  {
    name: 'a new public table without row level security',
    before: `CREATE TABLE public.books (isbn text PRIMARY KEY);`,
    after: `CREATE TABLE public.books (isbn text PRIMARY KEY);
      CREATE TABLE public.shelves (label text, capacity int);`,
  },
  {
    name: 'a public table without row level security dropped (the rollback recreates it)',
    before: `CREATE TABLE public.books (isbn text PRIMARY KEY); CREATE TABLE public.scratch ();`,
    after: `CREATE TABLE public.books (isbn text PRIMARY KEY);`,
  },
  {
    name: 'legacy timestamp without time zone columns: a new table, a new column, a retyped column',
    before: `CREATE TABLE public.events (id bigint PRIMARY KEY, happened bigint, note text);`,
    after: `CREATE TABLE public.events (id bigint PRIMARY KEY, happened timestamp(3), note text, seen timestamp);
      CREATE TABLE public.audit (at timestamp NOT NULL DEFAULT now());`,
  },
  {
    name: 'a table whose last column is dropped (PostgreSQL allows tables without columns)',
    before: `CREATE TABLE public.placeholder (only_col int PRIMARY KEY); CREATE TABLE public.marker ();`,
    after: `CREATE TABLE public.placeholder (); CREATE TABLE public.marker (); CREATE TABLE public.blank ();`,
  },
  {
    name: 'a check constraint added NOT VALID and never validated',
    before: `CREATE TABLE public.readings (id int PRIMARY KEY, celsius numeric);
      ALTER TABLE public.readings ADD CONSTRAINT plausible CHECK (celsius > -274) NOT VALID;`,
    after: `CREATE TABLE public.readings (id int PRIMARY KEY, celsius numeric NOT NULL, place text);
      ALTER TABLE public.readings ADD CONSTRAINT plausible CHECK (celsius > -274) NOT VALID;`,
    // Pulled as `validated: false`: kept NOT VALID, so its own database plans nothing.
  },
  {
    name: 'functions with SQL-standard bodies (RETURN and BEGIN ATOMIC)',
    before: `CREATE TABLE public.items (price numeric, qty int);`,
    after: `CREATE TABLE public.items (price numeric, qty int);
      CREATE FUNCTION public.line_total(p numeric, q int) RETURNS numeric LANGUAGE sql IMMUTABLE RETURN p * q;
      CREATE FUNCTION public.item_count() RETURNS bigint LANGUAGE sql STABLE
        BEGIN ATOMIC SELECT count(*) FROM public.items; END;`,
  },
  {
    name: 'a view replaced by a materialized view of the same name, and back',
    before: `CREATE TABLE public.sales (amount int); CREATE VIEW public.totals AS SELECT sum(amount) AS s FROM public.sales;
      CREATE MATERIALIZED VIEW public.snapshot AS SELECT count(*) AS n FROM public.sales;`,
    after: `CREATE TABLE public.sales (amount int); CREATE MATERIALIZED VIEW public.totals AS SELECT sum(amount) AS s FROM public.sales;
      CREATE VIEW public.snapshot AS SELECT count(*) AS n FROM public.sales;`,
  },
];

const fail = (step: string, r: CliResult): string => `${step} exited ${r.code}:\n${r.stdout}\n${r.stderr}`;

async function managed(db: Db, schemaDir: string): Promise<Catalog> {
  const { inputs } = toCatalog((await loadSpec(schemaDir)).spec, { preset: 'supabase' });
  const scope = { schemas: inputs.managedSchemas, extensions: inputs.extensions };
  return projectCatalog(await introspect(db, scope), inputs.managedRoles);
}

async function converge(shape: Shape): Promise<void> {
  const [a, b] = [await freshDatabase('adopt_a'), await freshDatabase('adopt_b')];
  const work = mkdtempSync(join(tmpdir(), 'schema-adopt-'));
  try {
    await b.db.exec(`${supabasePresetSql()}\n${shape.after}`);
    await a.db.exec(`${supabasePresetSql()}\n${shape.before}`);
    const schemaDir = join(work, 'schema');
    const migrations = join(work, 'migrations');
    const pull = await runCli(['pull', '--db', b.url, '--out', schemaDir], { cwd: work });
    expect(pull.code, fail('pull', pull)).toBe(0);
    const noop = await runCli(['plan', '--db', b.url, '--schema', schemaDir, '--migrations', migrations, '--dry-run'], { cwd: work });
    expect(noop.code, fail('no-op plan', noop)).toBe(0);
    if (shape.selfPlan) expect(noop.stdout).toMatch(shape.selfPlan);
    else expect(noop.stdout).toContain('No changes');
    const plan = await runCli(
      ['plan', '--db', a.url, '--schema', schemaDir, '--migrations', migrations, '--allow-destructive', '--allow-hazard', 'all'],
      { cwd: work },
    );
    expect(plan.code, fail('plan', plan)).toBe(0);
    const lint = await runCli(['lint', migrations], { cwd: work });
    expect(lint.code, fail('lint', lint)).toBe(0);
    const apply = await runCli(['apply', '--db', a.url, '--migrations', migrations], { cwd: work });
    expect(apply.code, fail('apply', apply)).toBe(0);
    const [left, right] = [await managed(a.db, schemaDir), await managed(b.db, schemaDir)];
    expect(catalogDifferences(left, right)).toEqual([]);
    expect(catalogJson(left)).toBe(catalogJson(right));
  } finally {
    rmSync(work, { recursive: true, force: true });
    await a.drop();
    await b.drop();
  }
}

describe('adopted databases converge through pull, plan and apply', () => {
  for (const shape of SHAPES) {
    it(shape.name, () => converge(shape), 60_000);
  }
});
