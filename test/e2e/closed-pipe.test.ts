/**
 * A plan that ends early never leaves its scratch databases on the target server: neither when the
 * reader of its output goes away (`schema plan 2>&1 | head -2`: the next write fails with EPIPE) nor
 * on SIGTERM. The target is a private server, so every `schema_shadow_*` database on it is this
 * plan's.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { serverMajor, urlForDatabase } from '../helpers/db.js';
import { startPrivateServer, type PrivateServer } from '../helpers/private-server.js';

let server: PrivateServer;
let work: string;
let target: string;

const spec = `tables:
  items:
    columns:
      id: { type: bigint, primary_key: true }
      title: { type: text }
      note: { type: text }
`;

async function shadows(): Promise<string[]> {
  const admin = connect(server.url);
  try {
    const rows = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'schema_shadow_%' ORDER BY 1`);
    return rows.map((r) => r.datname);
  } finally {
    await admin.close();
  }
}

/** Runs a shell line in the project; resolves with the exit code of the pipeline's first command. */
function shell(line: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `${line}; exit \${PIPESTATUS[0]}`], { cwd: work, env: { ...process.env, NO_COLOR: '1', DATABASE_URL: target } });
    child.stderr.resume();
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

beforeAll(async () => {
  server = await startPrivateServer(serverMajor() >= 17 ? 17 : 15, 'schema-pipe-pg-');
  const admin = connect(server.url);
  try {
    await admin.exec('CREATE DATABASE app');
  } finally {
    await admin.close();
  }
  target = urlForDatabase(server.url, 'app');
  const db = connect(target);
  try {
    await db.exec(`CREATE TABLE public.items (id bigint PRIMARY KEY, title text);
      INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 2000) g;`);
  } finally {
    await db.close();
  }
  work = mkdtempSync(join(tmpdir(), 'schema-pipe-'));
  mkdirSync(join(work, 'schema'));
  writeFileSync(join(work, 'schema.config.yaml'), 'schema: schema\nmigrations: generated-migrations\npreset: none\nexposed_schemas: []\n');
  writeFileSync(join(work, 'schema', 'app.yaml'), spec);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const BIN = join(REPO_ROOT, 'bin', 'schema.js');

describe('a plan ended early', () => {
  it('drops its scratch databases when its output pipe closes', async () => {
    const code = await shell(`node ${BIN} plan --dry-run 2>&1 | head -2`);
    expect(code).toBe(141);
    expect(await shadows()).toEqual([]);
  });

  it('drops its scratch databases on SIGTERM', async () => {
    rmSync(join(work, '.schema'), { recursive: true, force: true });
    let sent = false;
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'plan', '--dry-run'], { cwd: work, env: { ...process.env, NO_COLOR: '1', DATABASE_URL: target } });
      child.stdout.resume();
      // The shadow is being made or used once the plan reports that phase.
      child.stderr.on('data', (chunk: Buffer) => {
        if (!sent && /shadow|verify/.test(chunk.toString())) {
          sent = true;
          child.kill('SIGTERM');
        }
      });
      child.on('error', reject);
      child.on('close', (c, signal) => resolve(c ?? (signal ? -2 : -1)));
    });
    expect(sent).toBe(true);
    expect(code).toBe(143);
    expect(await shadows()).toEqual([]);
  });
});
