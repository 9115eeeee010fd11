import { describe, it } from 'vitest';
import { TABLE_CASES } from './corpus.js';
import { roundTrip } from './harness.js';

describe('plan round trip: tables, columns, constraints, indexes', () => {
  for (const c of TABLE_CASES) {
    it(c.name, async () => {
      await roundTrip(c.before, c.after, c);
    });
  }
});
