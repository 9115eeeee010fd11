/**
 * Starts the PostgreSQL server the suite runs against: TEST_DATABASE_URL when set, else an embedded
 * server (TEST_PG_VERSION 15, 17 or 18, default 15) in a temporary directory, stopped at the end.
 * Each test then creates its own database on it (see `freshDatabase`).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect, startEmbedded, stopEmbedded, type EmbeddedVersion } from '../../src/db/index.js';
import { supabaseRolesSql } from '../../src/presets/supabase.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    serverMajor: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env['TEST_DATABASE_URL'];
  let dir: string | undefined;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), 'schema-test-pg-'));
    chmodSync(dir, 0o755); // the server runs as the postgres OS user when we are root
    const version = Number(process.env['TEST_PG_VERSION'] ?? 15) as EmbeddedVersion;
    const server = await startEmbedded({ dataDir: join(dir, 'db'), version });
    adminUrl = server.url;
  }
  const db = connect(adminUrl);
  try {
    await db.exec(supabaseRolesSql());
    project.provide('serverMajor', Math.floor((await db.serverVersion()) / 10000));
  } finally {
    await db.close();
  }
  project.provide('adminUrl', adminUrl);
  return async () => {
    if (dir) {
      await stopEmbedded(join(dir, 'db'));
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
