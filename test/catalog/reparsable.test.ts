/** Expressions PostgreSQL prints so that they read back differently are given the cast that keeps them. */
import { describe, expect, it } from 'vitest';
import { reparsable } from '../../src/catalog/introspect/reparsable.js';

describe('reparsable', () => {
  it('casts an array coerced as a whole to its element type first', () => {
    expect(reparsable(`CHECK (tier::text = ANY (ARRAY['free'::character varying, 'plus'::character varying]::text[]))`)).toBe(
      `CHECK (tier::text = ANY ((ARRAY['free'::character varying, 'plus'::character varying]::character varying[])::text[]))`,
    );
  });

  it('leaves arrays without an outer cast, literals and elements of mixed or unknown types alone', () => {
    for (const e of [
      `id = ANY (ARRAY[1, 2])`,
      `note = 'ARRAY[''a''::text]::text[]'`,
      `tier::text = ANY (ARRAY[a, b]::text[])`,
      `x = ANY (ARRAY['a'::character varying, 'b'::text]::text[])`,
      `"ARRAY[" = 1`,
    ]) {
      expect(reparsable(e)).toBe(e);
    }
  });

  it('handles nested and several arrays', () => {
    expect(reparsable(`a = ANY (ARRAY['x'::public.mood]::text[]) AND b = ANY (ARRAY['1'::bigint, '2'::bigint]::numeric[])`)).toBe(
      `a = ANY ((ARRAY['x'::public.mood]::public.mood[])::text[]) AND b = ANY ((ARRAY['1'::bigint, '2'::bigint]::bigint[])::numeric[])`,
    );
  });
});
