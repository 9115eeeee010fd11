/**
 * Column renames: expressions that read a renamed column follow it (nothing rebuilt, rollback valid),
 * swapped renames go through temporary names, a rename onto a dropped column's name drops it first. Each case is
 * a round trip on real PostgreSQL judged by catalogs (harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { sameGenerated } from '../../src/plan/diff/tables.js';
import { roundTrip } from './harness.js';

const NOTES = `CREATE TABLE public.notes (id int PRIMARY KEY, is_read boolean NOT NULL DEFAULT false, title text);`;

describe('column renames under expressions', () => {
  it('a partial index whose WHERE reads the renamed column', async () => {
    const r = await roundTrip(
      `${NOTES} CREATE INDEX notes_unread ON public.notes (id) WHERE NOT is_read;`,
      `${NOTES.replace('is_read', 'seen')} CREATE INDEX notes_unread ON public.notes (id) WHERE NOT seen;`,
      { inputs: { columnRenames: { 'public.notes.seen': 'is_read' } }, data: `INSERT INTO public.notes VALUES (1, false, 'a'), (2, true, 'b');` },
    );
    // Postgres carries the index over the rename: nothing to rebuild.
    expect(r.forwardSql).not.toMatch(/INDEX/);
  });

  it('an index expression, a check and a policy reading the renamed column', async () => {
    const body = (c: string): string => `CREATE TABLE public.m (id int PRIMARY KEY, ${c} text CONSTRAINT m_len CHECK (length(${c}) > 0));
      CREATE INDEX m_lower ON public.m (lower(${c}));
      ALTER TABLE public.m ENABLE ROW LEVEL SECURITY;
      CREATE POLICY m_sel ON public.m FOR SELECT USING (${c} <> 'hidden');`;
    const r = await roundTrip(body('title'), body('"Headline"'), { inputs: { columnRenames: { 'public.m.Headline': 'title' } } });
    expect(r.forwardSql).not.toMatch(/POLICY|INDEX|m_len/);
  });

  it('a generated column reading the renamed column is kept, not dropped and re-added', async () => {
    const r = await roundTrip(
      `CREATE TABLE public.g (id int PRIMARY KEY, price int, total int GENERATED ALWAYS AS (price * 2) STORED);`,
      `CREATE TABLE public.g (id int PRIMARY KEY, cost int, total int GENERATED ALWAYS AS (cost * 2) STORED);`,
      { inputs: { columnRenames: { 'public.g.cost': 'price' } }, data: `INSERT INTO public.g (id, price) VALUES (1, 5);` },
    );
    expect(r.forwardSql).not.toMatch(/DROP COLUMN|ADD COLUMN/);
  });

  it('generation expressions differing only in layout are the same', () => {
    expect(sameGenerated('(a * 2)', 'a *  2')).toBe(true);
    expect(sameGenerated('(a) + (b)', 'a) + (b')).toBe(false);
    expect(sameGenerated('a * 2', 'a * 3')).toBe(false);
    expect(sameGenerated(undefined, 'a')).toBe(false);
  });

  it('a partial index that changes besides the rename', async () => {
    await roundTrip(
      `${NOTES} CREATE INDEX notes_unread ON public.notes (id) WHERE NOT is_read;`,
      `${NOTES.replace('is_read', 'seen')} CREATE INDEX notes_unread ON public.notes (id) WHERE NOT seen AND id > 0;`,
      { inputs: { columnRenames: { 'public.notes.seen': 'is_read' } } },
    );
  });
});

describe('swapped renames and name clashes', () => {
  it('two columns swap names', async () => {
    await roundTrip(
      `CREATE TABLE public.t (id int PRIMARY KEY, a text, b text);`,
      `CREATE TABLE public.t (id int PRIMARY KEY, b text, a text);`,
      {
        inputs: { columnRenames: { 'public.t.b': 'a', 'public.t.a': 'b' } },
        data: `INSERT INTO public.t VALUES (1, 'was a', 'was b');`,
        afterForward: async (db) => {
          const rows = await db.query(`SELECT a, b FROM public.t`);
          expect(rows[0]).toEqual({ a: 'was b', b: 'was a' });
        },
      },
    );
  });

  it('a chain of renames (b -> c, a -> b) and an FK that references a renamed column', async () => {
    await roundTrip(
      `CREATE TABLE public.t (id int PRIMARY KEY, a text, b text); CREATE TABLE public.u (t_id int CONSTRAINT u_t_fk REFERENCES public.t (id) ON DELETE CASCADE);`,
      `CREATE TABLE public.t (key int PRIMARY KEY, b text, c text); CREATE TABLE public.u (t_id int CONSTRAINT u_t_fk REFERENCES public.t (key) ON DELETE CASCADE);`,
      {
        inputs: { columnRenames: { 'public.t.c': 'b', 'public.t.b': 'a', 'public.t.key': 'id' } },
        data: `INSERT INTO public.t VALUES (1, 'was a', 'was b'); INSERT INTO public.u VALUES (1);`,
        afterForward: async (db) => {
          expect(await db.query(`SELECT key, b, c FROM public.t`)).toEqual([{ key: 1, b: 'was a', c: 'was b' }]);
        },
      },
    );
  });

  it('a column dropped and another renamed to its name', async () => {
    await roundTrip(`CREATE TABLE public.t (id int PRIMARY KEY, a text, b int);`, `CREATE TABLE public.t (id int PRIMARY KEY, b text);`, {
      inputs: { columnRenames: { 'public.t.b': 'a' } },
      data: `INSERT INTO public.t VALUES (1, 'kept', 7);`,
      afterForward: async (db) => {
        expect(await db.query(`SELECT b FROM public.t`)).toEqual([{ b: 'kept' }]);
      },
    });
  });

  it('a table dropped and another renamed to its name', async () => {
    await roundTrip(`CREATE TABLE public.a (id int CONSTRAINT t_pk PRIMARY KEY, v text); CREATE TABLE public.b (x int);`, `CREATE TABLE public.b (id int CONSTRAINT t_pk PRIMARY KEY, v text);`, {
      inputs: { tableRenames: { 'public.b': 'public.a' } },
      data: `INSERT INTO public.a VALUES (1, 'kept');`,
      afterForward: async (db) => {
        expect(await db.query(`SELECT v FROM public.b`)).toEqual([{ v: 'kept' }]);
      },
    });
  });
});
