/**
 * PostgreSQL 17 (an embedded server started once for this file) reads the same schema into the
 * same Catalog as the suite's server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogHash, catalogJson, type Catalog } from '../../src/catalog/index.js';
import { connect } from '../../src/db/index.js';
import { startPrivateServer, type PrivateServer } from '../helpers/private-server.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { introspectScope, loadCorpus } from './helpers.js';

let pg17: PrivateServer;
let url17: string;

beforeAll(async () => {
  pg17 = await startPrivateServer(17, 'schema-pg17-');
  url17 = pg17.url;
}, 120_000);

afterAll(async () => {
  await pg17?.stop();
});

/**
 * Function and view definitions are printed by the server and differ by version (16 stopped
 * qualifying columns of a single-table view: `accounts.id` became `id`); everything else must not.
 */
const comparable = (c: Catalog): string =>
  catalogJson({
    ...c,
    functions: Object.fromEntries(Object.entries(c.functions).map(([key, fn]) => [key, { ...fn, definition: '' }])),
    views: Object.fromEntries(Object.entries(c.views).map(([key, view]) => [key, { ...view, definition: '' }])),
  });

const SCHEMAS = ['app', 'My Schema', 'public'];

async function build(file: string, base?: string): Promise<{ t: TestDatabase; catalog: Catalog }> {
  const t = await freshDatabase('c17', base);
  await loadCorpus(t.db, file, true);
  return { t, catalog: await introspectScope(t.db, SCHEMAS) };
}

describe('introspection on PostgreSQL 17', () => {
  it('runs on a 17 server', async () => {
    const db = connect(url17);
    try {
      expect(Math.floor((await db.serverVersion()) / 10000)).toBe(17);
    } finally {
      await db.close();
    }
  });

  for (const file of ['every-kind.sql', 'supabase-app.sql', 'awkward-names.sql', 'legacy.sql']) {
    it(`reads ${file} into the same catalog as the suite's server`, async () => {
      const [suite, v17] = await Promise.all([build(file), build(file, url17)]);
      try {
        expect(Object.keys(v17.catalog.tables).length).toBeGreaterThan(0);
        expect(comparable(v17.catalog)).toBe(comparable(suite.catalog));
        if (Object.keys(suite.catalog.views).length === 0) expect(catalogHash(v17.catalog)).toBe(catalogHash(suite.catalog));
      } finally {
        await Promise.all([suite.t.drop(), v17.t.drop()]);
      }
    });
  }
});
