/**
 * Type changes on columns an FK links (either side): the FK is dropped, both columns change, and the FK
 * comes back NOT VALID, then VALIDATE. Each case is
 * a round trip on real PostgreSQL judged by catalogs (harness.ts).
 */
import { describe, expect, it } from 'vitest';
import { roundTrip } from './harness.js';

describe('type changes across foreign keys', () => {
  it('both sides of an FK change type', async () => {
    const r = await roundTrip(
      `CREATE TABLE public.a (id int PRIMARY KEY); CREATE TABLE public.b (id int PRIMARY KEY, a_id int CONSTRAINT b_a_fk REFERENCES public.a ON DELETE CASCADE);`,
      `CREATE TABLE public.a (id text PRIMARY KEY); CREATE TABLE public.b (id int PRIMARY KEY, a_id text CONSTRAINT b_a_fk REFERENCES public.a ON DELETE CASCADE);`,
      { data: `INSERT INTO public.a VALUES (1), (2); INSERT INTO public.b VALUES (1, 1), (2, 2);` },
    );
    expect(r.forwardSql).toMatch(/ADD CONSTRAINT b_a_fk FOREIGN KEY .* NOT VALID/);
    expect(r.forwardSql).toMatch(/VALIDATE CONSTRAINT b_a_fk/);
  });
});

