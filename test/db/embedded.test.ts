import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, startEmbedded, stopEmbedded } from '../../src/db/index.js';

describe('embedded engine', () => {
  const root = mkdtempSync(join(tmpdir(), 'schema-embedded-'));
  chmodSync(root, 0o755);
  afterAll(async () => {
    await stopEmbedded(join(root, '15'));
    await stopEmbedded(join(root, '17'));
    rmSync(root, { recursive: true, force: true });
  });

  for (const version of [15, 17] as const) {
    it(`initializes, starts, reuses and restarts PostgreSQL ${version}`, async () => {
      const dataDir = join(root, String(version));
      const first = await startEmbedded({ dataDir, version });
      const again = await startEmbedded({ dataDir });
      expect(again.port).toBe(first.port);
      const db = connect(first.url);
      try {
        expect(Math.floor((await db.serverVersion()) / 10000)).toBe(version);
        await db.exec('CREATE TABLE kept (id int)');
      } finally {
        await db.close();
      }
      await stopEmbedded(dataDir);
      const restarted = await startEmbedded({ dataDir });
      const db2 = connect(restarted.url);
      try {
        const rows = await db2.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_class WHERE relname = 'kept'`);
        expect(rows[0]?.n).toBe('1');
      } finally {
        await db2.close();
      }
    });
  }
});
