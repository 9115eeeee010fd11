/** Data-safety preconditions: a step that would fail on existing rows fails fast, with a clear message, and changes nothing. */
import { describe, expect, it } from 'vitest';
import { introspect, catalogsEqual } from '../../src/catalog/index.js';
import { buildPlan } from '../../src/plan/build.js';
import { renderScript } from '../../src/plan/script.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { freshDatabase } from '../helpers/db.js';
import { inputsFor, OPTIONS, runScript } from './harness.js';

async function planFails(before: string, data: string, after: string, message: RegExp, inputs = inputsFor()): Promise<void> {
  const a = await freshDatabase('plan_guard');
  const b = await freshDatabase('plan_guard');
  try {
    for (const db of [a.db, b.db]) await db.exec(supabasePresetSql());
    await a.db.exec(before);
    await a.db.exec(data);
    await b.db.exec(after);
    const scope = { schemas: ['public'] };
    const live = await introspect(a.db, scope);
    const plan = buildPlan(live, await introspect(b.db, scope), inputs, OPTIONS);
    await expect(runScript(a.db, renderScript(plan.forward, OPTIONS))).rejects.toThrow(message);
    expect(catalogsEqual(await introspect(a.db, scope), live)).toBe(true);
  } finally {
    await a.drop();
    await b.drop();
  }
}

describe('preconditions on existing rows', () => {
  it('SET NOT NULL stops on NULLs', async () => {
    await planFails('CREATE TABLE t (a int);', 'INSERT INTO t VALUES (1), (NULL);', 'CREATE TABLE t (a int NOT NULL);', /public\.t\.a has NULL values/);
  });

  it('a new NOT NULL column without default or backfill stops on existing rows', async () => {
    await planFails('CREATE TABLE t (a int);', 'INSERT INTO t VALUES (1);', 'CREATE TABLE t (a int, b text NOT NULL);', /public\.t has rows, so the new NOT NULL column b needs a default or a backfill/);
  });

  it('removing an enum value that rows hold, without remap, stops before the swap', async () => {
    const rows = `INSERT INTO t SELECT g, (ARRAY['a', 'b', 'c'])[g % 3 + 1]::mood, ARRAY[(ARRAY['a', 'b'])[g % 2 + 1]]::mood[] FROM generate_series(1, 3000) g;`;
    const table = (values: string) => `CREATE TYPE mood AS ENUM (${values}); CREATE TABLE t (id int, m mood, ms mood[]);`;
    await planFails(table(`'a', 'b', 'c'`), rows, table(`'a', 'c'`), /public\.t\.m holds b, which enum public\.mood no longer has/);
    // Only the array column holds the value: still stopped, at that column.
    await planFails(table(`'a', 'b', 'c'`), `${rows} UPDATE t SET m = 'a' WHERE m = 'b';`, table(`'a', 'c'`), /public\.t\.ms holds b, which enum public\.mood no longer has/);
  });

  it('a unique index stops on duplicates', async () => {
    await planFails('CREATE TABLE t (a int, b int);', 'INSERT INTO t VALUES (1, 1), (1, 1), (NULL, 2), (NULL, 2);', 'CREATE TABLE t (a int, b int); CREATE UNIQUE INDEX t_ab ON t (a, b);', /has duplicate \(a, b\) rows/);
  });

  it('a unique constraint stops on duplicates', async () => {
    await planFails('CREATE TABLE t (a int);', 'INSERT INTO t VALUES (1), (1);', 'CREATE TABLE t (a int CONSTRAINT t_a_key UNIQUE);', /has duplicate \(a\) rows/);
  });

  it('a primary key stops on duplicates', async () => {
    await planFails('CREATE TABLE t (a int NOT NULL);', 'INSERT INTO t VALUES (1), (1);', 'CREATE TABLE t (a int CONSTRAINT t_pkey PRIMARY KEY);', /has duplicate \(a\) rows, so primary key t_pkey cannot be built/);
  });

  it('narrowing a varchar stops on values that do not fit', async () => {
    await planFails('CREATE TABLE t (a varchar(20));', `INSERT INTO t VALUES ('much too long');`, 'CREATE TABLE t (a varchar(4));', /longer than 4 characters/);
  });
});
