/**
 * PostgreSQL 17 (an embedded server started once for this file) reads the same schema into the
 * same Catalog as the suite's server.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogHash, catalogJson, type Catalog } from '../../src/catalog/index.js';
import { connect, startEmbedded, stopEmbedded } from '../../src/db/index.js';
import { supabaseRolesSql } from '../../src/presets/supabase.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { introspectScope, loadCorpus } from './helpers.js';

let dir: string;
let url17: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schema-pg17-'));
  chmodSync(dir, 0o755);
  const server = await startEmbedded({ dataDir: join(dir, 'db'), version: 17 });
  url17 = server.url;
  const admin = connect(url17);
  try {
    await admin.exec(supabaseRolesSql());
  } finally {
    await admin.close();
  }
}, 120_000);

afterAll(async () => {
  await stopEmbedded(join(dir, 'db'));
  rmSync(dir, { recursive: true, force: true });
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
