/**
 * Enum swaps (a new type and a column swap) with dependants: functions taking or returning the enum,
 * views and policies reading its columns are dropped before the swap and created after it, in the
 * forward plan or, for an added value, in the rollback alone. Each case is
 * a round trip on real PostgreSQL judged by catalogs (harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { roundTrip } from './harness.js';

const MOOD = `CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
  CREATE TABLE public.people (id int PRIMARY KEY, mood public.mood NOT NULL DEFAULT 'ok');`;
const PEOPLE_ROWS = `INSERT INTO public.people VALUES (1, 'sad'), (2, 'ok'), (3, 'happy');`;

describe('enum swaps under dependants', () => {
  const fns = `CREATE FUNCTION public.score(m public.mood) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 1 $$;
    CREATE FUNCTION public.default_mood() RETURNS public.mood LANGUAGE sql STABLE AS $$ SELECT 'ok'::public.mood $$;
    CREATE FUNCTION public.moods(VARIADIC m public.mood[]) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;`;
  const readers = `CREATE VIEW public.cheerful AS SELECT id, mood FROM public.people WHERE mood <> 'sad';
    GRANT SELECT ON public.cheerful TO authenticated;
    ALTER TABLE public.people ENABLE ROW LEVEL SECURITY;
    CREATE POLICY not_sad ON public.people FOR SELECT USING (mood <> 'sad');`;

  it('reordering values when functions take or return the enum', async () => {
    await roundTrip(`${MOOD} ${fns}`, `${MOOD.replace(`'sad', 'ok', 'happy'`, `'happy', 'ok', 'sad'`)} ${fns}`, { data: PEOPLE_ROWS });
  });

  it('removing a value (remapped) read by a view and a policy', async () => {
    const after = `${MOOD.replace(`'sad', 'ok', 'happy'`, `'ok', 'happy'`)} ${readers.replaceAll(`'sad'`, `'ok'`)}`;
    await roundTrip(`${MOOD} ${readers} ${fns}`, `${after} ${fns}`, { data: PEOPLE_ROWS, inputs: { enumRemaps: { 'public.mood': { sad: 'ok' } } } });
  });

  it('rolling back an added value under a policy, a view and functions', async () => {
    const r = await roundTrip(`${MOOD} ${readers} ${fns}`, `${MOOD.replace(`'happy'`, `'happy', 'ecstatic'`)} ${readers} ${fns}`, { data: PEOPLE_ROWS });
    // The forward adds the value in place; only the rollback needs the dependants out of the way.
    expect(r.forwardSql).not.toMatch(/POLICY|VIEW|FUNCTION/);
    expect(r.rollbackSql).toMatch(/DROP POLICY/);
  });
});


describe('enum swaps keep the type comment', () => {
  const COMMENTED = `${MOOD} COMMENT ON TYPE public.mood IS 'How a person feels';`;
  const ROWS = `INSERT INTO public.people SELECT g, (ARRAY['sad', 'ok', 'happy']::public.mood[])[1 + g % 3] FROM generate_series(1, 3000) g;`;
  const comment = async (db: import('../../src/db/index.js').Db): Promise<string | null> => {
    const [row] = await db.query<{ c: string | null }>(`SELECT obj_description('public.mood'::regtype, 'pg_type') AS c`);
    return row!.c;
  };

  it('adding a value: the rollback recreates the type with its comment', async () => {
    await roundTrip(COMMENTED, COMMENTED.replace(`'happy'`, `'happy', 'ecstatic'`), {
      data: ROWS,
      afterRollback: async (db) => expect(await comment(db)).toBe('How a person feels'),
    });
  });

  it('removing a remapped value: the forward swap keeps the comment', async () => {
    await roundTrip(COMMENTED, COMMENTED.replace(`'sad', 'ok', 'happy'`, `'ok', 'happy'`), {
      data: ROWS,
      inputs: { enumRemaps: { 'public.mood': { sad: 'ok' } } },
      afterForward: async (db) => expect(await comment(db)).toBe('How a person feels'),
    });
  });
});
