/**
 * Primary and unique keys added to an existing table are built online (duplicates guard, unique index
 * built concurrently, attached with USING INDEX); a new table keeps the plain form. Each case is
 * a round trip on real PostgreSQL judged by catalogs (harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { roundTrip } from './harness.js';

describe('keys added to existing tables', () => {
  it('a primary key and a unique key are built concurrently and attached', async () => {
    const r = await roundTrip(`CREATE TABLE public.t (a int NOT NULL, b int);`, `CREATE TABLE public.t (a int CONSTRAINT t_pkey PRIMARY KEY, b int CONSTRAINT t_b_key UNIQUE);`, {
      data: `INSERT INTO public.t VALUES (1, 1), (2, 2), (3, NULL), (4, NULL);`,
    });
    expect(r.forwardSql).toMatch(/CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_pkey ON public\.t \(a\)/);
    expect(r.forwardSql).toMatch(/ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey/);
    expect(r.forwardSql).toMatch(/ADD CONSTRAINT t_b_key UNIQUE USING INDEX t_b_key/);
    expect(r.forwardSql).toMatch(/public\.t has duplicate \(a\) rows/);
  });

  it('a new table keeps the plain form', async () => {
    const r = await roundTrip('', `CREATE TABLE public.t (a int PRIMARY KEY, b int UNIQUE);`);
    expect(r.forwardSql).not.toMatch(/CONCURRENTLY|USING INDEX/);
  });
});

