/**
 * The proof runs on sampled live rows: a hand-written forward script (so the planner's own choices
 * do not matter) on a table of 2,000 rows with an updated_at trigger and a foreign key. A statement
 * that fires the trigger, loses rows or rewrites the table without saying so fails the proof; a
 * clean one passes; the sample is bounded, brings the referenced rows, and 0 turns it off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect, type Catalog } from '../../src/catalog/index.js';
import type { Plan } from '../../src/plan/index.js';
import { presetNamed } from '../../src/presets/index.js';
import { serverShadowProvider } from '../../src/shadow/index.js';
import { verifyPlan, VerificationError } from '../../src/planner/verify.js';
import { copySample, touchedTables } from '../../src/planner/sample.js';
import { inputsFor, OPTIONS, runScript } from '../plan/harness.js';
import { adminUrl, freshDatabase, type TestDatabase } from '../helpers/db.js';

let live: TestDatabase;
let liveCatalog: Catalog;
let desired: Catalog;
const inputs = inputsFor({ managedRoles: [], externalTables: [] });
const scope = { schemas: ['public'], extensions: [] };

beforeAll(async () => {
  live = await freshDatabase('proof');
  await live.db.exec(`
    CREATE FUNCTION public.set_updated_at() RETURNS trigger LANGUAGE plpgsql SET search_path = '' AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
    CREATE TABLE public.lists (id integer PRIMARY KEY, name text NOT NULL);
    CREATE TABLE public.todos (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      list_id integer NOT NULL REFERENCES public.lists (id),
      title text NOT NULL,
      title_length integer GENERATED ALWAYS AS (length(title)) STORED,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TRIGGER todos_set_updated_at BEFORE UPDATE ON public.todos FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
    INSERT INTO public.lists SELECT g, 'list ' || g FROM generate_series(1, 3000) AS g;
    INSERT INTO public.todos (list_id, title, updated_at)
      SELECT 1 + (g * 7) % 3000, 'todo ' || g, timestamptz '2024-01-01 00:00:00+00' FROM generate_series(1, 2000) AS g;
  `);
  liveCatalog = await introspect(live.db, scope);
  const todos = liveCatalog.tables['public.todos']!;
  desired = { ...liveCatalog, tables: { ...liveCatalog.tables, 'public.todos': { ...todos, comment: 'proved' } } };
});

afterAll(async () => {
  await live?.drop();
});

const COMMENT = `COMMENT ON TABLE public.todos IS 'proved';`;
const UNCOMMENT = `COMMENT ON TABLE public.todos IS NULL;`;
const plan = (hazards: string[] = []): Plan => ({ forward: [], rollback: [], hazards } as unknown as Plan);

async function prove(forwardBody: string, o: { rows?: number; hazards?: string[] } = {}): Promise<string[]> {
  const provider = serverShadowProvider(adminUrl());
  const phases: string[] = [];
  try {
    await verifyPlan(
      {
        live: liveCatalog,
        desired,
        plan: plan(o.hazards),
        inputs,
        options: OPTIONS,
        preset: presetNamed('none'),
        runScript,
        forwardSql: `BEGIN;\n${COMMENT}\n${forwardBody}\nCOMMIT;\n`,
        rollbackSql: `BEGIN;\n${UNCOMMENT}\nCOMMIT;\n`,
        sample: { db: live.db, rows: o.rows ?? 1000 },
        onPhase: (p) => phases.push(p),
      },
      provider,
    );
  } finally {
    await provider.release();
  }
  return phases;
}

const failure = async (work: Promise<unknown>): Promise<VerificationError> => {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(VerificationError);
  return error as VerificationError;
};

describe('the proof on sampled live rows', () => {
  it('copies at most the limit of a touched table and the referenced rows those need, into a real shadow', async () => {
    expect(touchedTables(liveCatalog, desired)).toEqual(['public.todos']);
    const shadow = await freshDatabase('proofshadow');
    try {
      await shadow.db.exec(`
        CREATE FUNCTION public.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
        CREATE TABLE public.lists (id integer PRIMARY KEY, name text NOT NULL);
        CREATE TABLE public.todos (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, list_id integer NOT NULL REFERENCES public.lists (id),
          title text NOT NULL, title_length integer GENERATED ALWAYS AS (length(title)) STORED, updated_at timestamptz NOT NULL DEFAULT now());
        CREATE TRIGGER todos_set_updated_at BEFORE UPDATE OR INSERT ON public.todos FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();`);
      const summary = await copySample(live.db, shadow.db, liveCatalog, desired, ['public.todos'], 500);
      expect(summary.rows['public.todos']).toBe(500);
      const [counts] = await shadow.db.query<{ todos: number; lists: number; orphans: number; moved: number; lengths: number }>(`
        SELECT (SELECT count(*)::int FROM public.todos) AS todos, (SELECT count(*)::int FROM public.lists) AS lists,
               (SELECT count(*)::int FROM public.todos t WHERE NOT EXISTS (SELECT 1 FROM public.lists l WHERE l.id = t.list_id)) AS orphans,
               (SELECT count(*)::int FROM public.todos WHERE updated_at <> timestamptz '2024-01-01 00:00:00+00') AS moved,
               (SELECT count(*)::int FROM public.todos WHERE title_length = length(title)) AS lengths`);
      // Only the referenced lists come (at most one per todo), every FK holds, the INSERT trigger did not fire.
      expect(counts).toEqual({ todos: 500, lists: summary.rows['public.lists'], orphans: 0, moved: 0, lengths: 500 });
      expect(counts!.lists).toBeLessThanOrEqual(500);
      expect(counts!.lists).toBeGreaterThan(0);
      // The identity sequence continues where the live one is.
      const [next] = await shadow.db.query<{ id: string }>(`INSERT INTO public.todos (list_id, title) SELECT min(list_id), 'new' FROM public.todos RETURNING id::text`);
      expect(next!.id).toBe('2001');
      // Never more than the live table holds.
      await shadow.db.exec(`TRUNCATE public.todos, public.lists`);
      expect((await copySample(live.db, shadow.db, liveCatalog, desired, ['public.lists'], 100_000)).rows['public.lists']).toBe(3000);
    } finally {
      await shadow.drop();
    }
  });

  it('passes a clean change and copies the sample before forward', async () => {
    const phases = await prove('');
    expect(phases.indexOf('copy sampled live rows')).toBeGreaterThan(-1);
    expect(phases.indexOf('copy sampled live rows')).toBeLessThan(phases.indexOf('forward'));
    expect(phases.some((p) => /^\d+ live rows copied \(public\.lists \d+, public\.todos 1000\)$/.test(p)), phases.join('\n')).toBe(true);
  });

  it('fails a statement that fires the updated_at trigger, naming the column and its old and new values', async () => {
    const error = await failure(prove(`UPDATE public.todos SET title = title;`));
    expect(error.message).toContain('forward keeps the rows and the values it does not change');
    expect(error.message).toMatch(/public\.todos row \[\d+\]: updated_at "2024-01-01T00:00:00\+00:00" -> "/);
    expect(error.message).toContain('more rows changed');
  });

  it('fails a statement that loses rows', async () => {
    const error = await failure(prove(`DELETE FROM public.todos WHERE id % 2 = 0;`));
    expect(error.message).toMatch(/public\.todos: 1000 sampled rows before, 500 after/);
  });

  it('fails a rewrite of a kept table unless the plan declares rewrites-table', async () => {
    const rewrite = `ALTER TABLE public.todos ALTER COLUMN updated_at TYPE timestamptz USING updated_at + interval '0 s';`;
    const error = await failure(prove(rewrite));
    expect(error.message).toContain('PostgreSQL rewrote public.todos (pg_class.relfilenode changed)');
    await prove(rewrite, { hazards: ['rewrites-table'] });
  });

  it('with 0 rows proves the schema alone (an UPDATE then moves nothing)', async () => {
    const phases = await prove(`UPDATE public.todos SET title = title;`, { rows: 0 });
    expect(phases).not.toContain('copy sampled live rows');
    expect(phases.some((p) => p.includes('live rows copied'))).toBe(false);
  });
});
