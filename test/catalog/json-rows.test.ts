import { describe, expect, it } from 'vitest';
import { asJsonRows, withTextArrays } from '../../src/catalog/introspect/index.js';
import { catalogQueries, QUERY_NAMES } from '../../src/catalog/introspect/queries.js';
import { unmanagedQuery } from '../../src/pull/unmanaged.js';
import { freshDatabase } from '../helpers/db.js';
import { loadCorpus } from './helpers.js';

// Introspection reads each query's rows as one JSON text. Every column must read exactly as the
// driver reads it row by row (a bigint, say, would come back as a JSON number instead of a BigInt).
describe('catalog rows read as JSON', () => {
  it('equal the rows the driver parses, for every catalog query on the corpus', async () => {
    const t = await freshDatabase('jsonrows');
    try {
      await loadCorpus(t.db, 'every-kind.sql', true);
      await t.db.exec(`CREATE SCHEMA "odd ""name"""; CREATE TABLE "odd ""name""".t (id int PRIMARY KEY, "naïve ☃" text[] DEFAULT '{"a,b",NULL}')`);
      const params = [['app', 'public', 'odd "name"'], ['citext', 'pgcrypto']];
      const sql = catalogQueries();
      const queries = [...QUERY_NAMES.map((name) => [name, sql[name]] as const), ['unmanaged', unmanagedQuery()] as const];
      let rows = 0;
      for (const [name, text] of queries) {
        const query = withTextArrays(text, params);
        const driver = await t.db.query(query);
        const [json] = await t.db.query<{ rows: string }>(asJsonRows(query));
        expect(JSON.parse(json!.rows), name).toEqual(driver);
        rows += driver.length;
      }
      expect(rows).toBeGreaterThan(100);
    } finally {
      await t.drop();
    }
  });
});
