/**
 * A private PostgreSQL 15 from Debian's packages with pg_cron preloaded (`postgresql-15-cron`):
 * pg_cron runs only in a server started with it in shared_preload_libraries, in the one database
 * `cron.database_name` names. Fails loudly when the binaries or the extension are missing.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/db/index.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';

const BIN = '/usr/lib/postgresql/15/bin';
const CRON_LIBRARY = '/usr/lib/postgresql/15/lib/pg_cron.so';

export interface CronServer {
  /** URL of the database pg_cron runs in (`postgres`), with the Supabase preset but for cron, and `CREATE EXTENSION pg_cron`. */
  readonly url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startCronServer(): Promise<CronServer> {
  for (const path of [join(BIN, 'initdb'), join(BIN, 'pg_ctl'), CRON_LIBRARY]) {
    if (!existsSync(path)) throw new Error(`${path} is missing: install the Debian packages postgresql-15 and postgresql-15-cron (see .ci/run)`);
  }
  const root = process.getuid?.() === 0;
  const as = root
    ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) }
    : {};
  const dir = mkdtempSync(join(tmpdir(), 'schema-cron-pg-'));
  chmodSync(dir, 0o755);
  if (root) chownSync(dir, as.uid!, as.gid!);
  const data = join(dir, 'db');
  const run = (command: string, args: string[]): void =>
    void execFileSync(join(BIN, command), args, { ...as, cwd: dir, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  const port = await freePort();
  appendFileSync(
    join(data, 'postgresql.conf'),
    `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nshared_preload_libraries = 'pg_cron'\ncron.database_name = 'postgres'\nfsync = off\n`,
  );
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const db = connect(url);
  try {
    // As Supabase installs it.
    await db.exec('CREATE EXTENSION pg_cron WITH SCHEMA pg_catalog');
    await db.exec(supabasePresetSql());
  } finally {
    await db.close();
  }
  return {
    url,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
