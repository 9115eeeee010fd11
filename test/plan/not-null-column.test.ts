/**
 * A new NOT NULL column without default or backfill on an existing table: gated as a hazard, and a guard
 * fails fast when the table holds rows (guards.test.ts); on an empty table it converges. Each case is
 * a round trip on real PostgreSQL judged by catalogs (harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { roundTrip } from './harness.js';

describe('a new NOT NULL column without default or backfill', () => {
  it('is a hazard and converges on an empty table', async () => {
    const r = await roundTrip(`CREATE TABLE public.t (a int);`, `CREATE TABLE public.t (a int, b text NOT NULL);`);
    const add = r.plan.forward.find((s) => s.description.startsWith('+ column public.t.b'));
    expect(add?.hazards).toContain('access-exclusive-lock');
    expect(r.forwardSql).toMatch(/public\.t has rows/);
  });
});

