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
      const said: string[] = [];
      const progress = (message: string): number => said.push(message.replace(/\d+/g, 'N'));
      const first = await startEmbedded({ dataDir, version, progress, quietForMs: 0 });
      // The first start says so while it creates the cluster, then when the server is ready.
      expect(said).toEqual([
        `embedded PostgreSQL N: creating the cluster in ${dataDir.replace(/\d+/g, 'N')} (first start; later starts take about a second)...`,
        expect.stringMatching(/^embedded PostgreSQL N: ready on N\.N\.N\.N:N in N\.N s$/),
      ]);
      said.length = 0;
      const again = await startEmbedded({ dataDir, progress });
      expect(said).toEqual([]);
      expect(again.port).toBe(first.port);
      const db = connect(first.url);
      try {
        expect(Math.floor((await db.serverVersion()) / 10000)).toBe(version);
        await db.exec('CREATE TABLE kept (id int)');
      } finally {
        await db.close();
      }
      await stopEmbedded(dataDir);
      const restarted = await startEmbedded({ dataDir, progress, quietForMs: 0 });
      expect(said.map((m) => m.replace(/ in .*$/, ''))).toEqual([`embedded PostgreSQL N: starting the server`, `embedded PostgreSQL N: ready on N.N.N.N:N`]);
      const db2 = connect(restarted.url);
      try {
        const rows = await db2.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_class WHERE relname = 'kept'`);
        expect(rows[0]?.n).toBe('1');
      } finally {
        await db2.close();
      }
      // A start that is over within the quiet time says nothing.
      said.length = 0;
      await stopEmbedded(dataDir);
      await startEmbedded({ dataDir, progress, quietForMs: 60_000 });
      expect(said).toEqual([]);
    });
  }
});
