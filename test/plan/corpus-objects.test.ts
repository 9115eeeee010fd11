import { describe, it } from 'vitest';
import { OBJECT_CASES } from './corpus.js';
import { roundTrip } from './harness.js';

describe('plan round trip: enums, functions, triggers, RLS, policies, grants, comments, views, domains', () => {
  for (const c of OBJECT_CASES) {
    it(c.name, async () => {
      await roundTrip(c.before, c.after, c);
    });
  }
});
