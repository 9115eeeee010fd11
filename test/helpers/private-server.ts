/**
 * A private embedded PostgreSQL for one test file (another major than the suite's server, or one
 * the test may stop and restart), with the Supabase roles, removed afterwards.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, startEmbedded, stopEmbedded, type EmbeddedVersion } from '../../src/db/index.js';
import { supabaseRolesSql } from '../../src/presets/supabase.js';

export interface PrivateServer {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export async function startPrivateServer(version: EmbeddedVersion, prefix = 'schema-private-pg-'): Promise<PrivateServer> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // the server runs as the postgres OS user when the tests run as root
  const dataDir = join(dir, 'db');
  const { url } = await startEmbedded({ dataDir, version });
  const admin = connect(url);
  try {
    await admin.exec(supabaseRolesSql());
  } finally {
    await admin.close();
  }
  return {
    url,
    dataDir,
    stop: async () => {
      await stopEmbedded(dataDir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
