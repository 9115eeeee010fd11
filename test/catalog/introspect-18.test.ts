import { describe, expect, it } from 'vitest';
import { pullDatabase } from '../../src/pull/index.js';
import { introspectScope } from './helpers.js';
import { freshDatabase } from '../helpers/db.js';
import { describeMajor } from './other-majors.js';

const url18 = describeMajor(18);

describe('what PostgreSQL 18 adds that the spec does not express', () => {
  it('leaves virtual generated columns and NOT NULL NOT VALID out of the catalog, and pull warns about each', async () => {
    const t = await freshDatabase('c18', url18());
    try {
      await t.db.exec(`CREATE TABLE public.sizes (
          id int PRIMARY KEY, a int NOT NULL,
          doubled int GENERATED ALWAYS AS (a * 2),
          tripled int GENERATED ALWAYS AS (a * 3) STORED,
          named int CONSTRAINT named_nn NOT NULL,
          later int);
        ALTER TABLE public.sizes ADD CONSTRAINT later_nn NOT NULL later NOT VALID;`);
      const catalog = await introspectScope(t.db, ['public']);
      const columns = Object.fromEntries(catalog.tables['public.sizes']!.columns.map((c) => [c.name, c]));
      expect(columns['doubled']).toEqual({ name: 'doubled', notNull: false, type: 'integer' });
      expect(columns['tripled']?.generated).toBe('(a * 3)');
      expect(columns['named']?.notNull).toBe(true);
      // NOT NULL lives on the column: no constraint of kind NOT NULL in the catalog.
      expect(Object.keys(catalog.tables['public.sizes']!.constraints)).toEqual(['sizes_pkey']);
      const { unmanaged } = await pullDatabase(t.db, ['public']);
      expect(unmanaged).toEqual([
        { kind: 'table', name: 'public.sizes', feature: 'column doubled GENERATED ALWAYS AS ((a * 2)) VIRTUAL' },
        { kind: 'table', name: 'public.sizes', feature: 'column later NOT NULL NOT VALID (constraint later_nn)' },
      ]);
    } finally {
      await t.drop();
    }
  });
});
