/**
 * Another major of PostgreSQL (an embedded server started once for the test file that runs this
 * suite) reads the same schema into the same Catalog as the suite's server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogHash, catalogJson, type Catalog } from '../../src/catalog/index.js';
import { connect, type EmbeddedVersion } from '../../src/db/index.js';
import { startPrivateServer, type PrivateServer } from '../helpers/private-server.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { introspectScope, loadCorpus } from './helpers.js';

const CORPUS_FILES = ['every-kind.sql', 'supabase-app.sql', 'awkward-names.sql', 'legacy.sql'];

/** Runs the suite on an embedded server of `major`; returns the server's URL once it runs. */
export function describeMajor(major: EmbeddedVersion): () => string {
  let server: PrivateServer;
  let url: string;

  beforeAll(async () => {
    server = await startPrivateServer(major, `schema-pg${major}-`);
    url = server.url;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
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
    const t = await freshDatabase(`c${major}`, base);
    await loadCorpus(t.db, file, true);
    return { t, catalog: await introspectScope(t.db, SCHEMAS) };
  }

  describe(`introspection on PostgreSQL ${major}`, () => {
    it(`runs on a ${major} server`, async () => {
      const db = connect(url);
      try {
        expect(Math.floor((await db.serverVersion()) / 10000)).toBe(major);
      } finally {
        await db.close();
      }
    });

    for (const file of CORPUS_FILES) {
      it(`reads ${file} into the same catalog as the suite's server`, async () => {
        const [suite, other] = await Promise.all([build(file), build(file, url)]);
        try {
          expect(Object.keys(other.catalog.tables).length).toBeGreaterThan(0);
          expect(comparable(other.catalog)).toBe(comparable(suite.catalog));
          if (Object.keys(suite.catalog.views).length === 0) expect(catalogHash(other.catalog)).toBe(catalogHash(suite.catalog));
        } finally {
          await Promise.all([suite.t.drop(), other.t.drop()]);
        }
      });
    }
  });
  return () => url;
}
