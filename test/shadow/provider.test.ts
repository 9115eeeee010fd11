import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { canCreateDatabases, runSteps, serverShadowProvider, StepFailedError } from '../../src/shadow/index.js';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { adminUrl } from '../helpers/db.js';
import { REPO_ROOT } from '../helpers/cli.js';

async function databaseExists(name: string): Promise<boolean> {
  const db = connect(adminUrl());
  try {
    const rows = await db.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await db.close();
  }
}

describe('shadow databases', () => {
  it('creates a scratch database and always drops it', async () => {
    const provider = serverShadowProvider(adminUrl());
    const shadow = await provider.create();
    expect(await databaseExists(shadow.name)).toBe(true);
    await shadow.db.exec('CREATE TABLE scratch (id int)');
    await shadow.dispose();
    expect(await databaseExists(shadow.name)).toBe(false);
  });

  it('makes databases ahead of time, hands them out, and drops those not taken', async () => {
    const provider = serverShadowProvider(adminUrl());
    provider.warm(2);
    provider.warm(2); // already on their way: no third one
    const first = await provider.create();
    expect(await databaseExists(first.name)).toBe(true);
    const dropped = await provider.release();
    expect(dropped).toHaveLength(1); // the warmed one not taken
    expect(dropped[0]).not.toBe(first.name);
    expect(await databaseExists(dropped[0]!)).toBe(false);
    expect(await databaseExists(first.name)).toBe(true); // the one handed out stays until disposed
    await first.dispose();
    expect(await databaseExists(first.name)).toBe(false);
    expect(await provider.release()).toEqual([]);
  });

  it('drops its shadows on Ctrl-C, also one still being created', async () => {
    // A process makes a shadow, starts making a spare, and is interrupted at once.
    const script = `
      const { serverShadowProvider } = await import(${JSON.stringify(join(REPO_ROOT, 'dist', 'shadow', 'index.js'))});
      const provider = serverShadowProvider(process.env.ADMIN_URL);
      const shadow = await provider.create();
      console.log(shadow.name);
      provider.warm(1);
      setTimeout(() => process.kill(process.pid, 'SIGINT'), 20);
      setTimeout(() => {}, 60_000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ADMIN_URL: adminUrl() } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const name = out.trim();
    expect(name).toMatch(/^schema_shadow_/);
    expect(code).toBe(130);
    expect(await databaseExists(name)).toBe(false);
  });

  it('knows whether the role may create databases', async () => {
    const db = connect(adminUrl());
    try {
      expect(await canCreateDatabases(db)).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('runs steps in chunks and names the step that fails', async () => {
    const shadow = await serverShadowProvider(adminUrl()).create();
    try {
      const steps = [
        { sql: 'CREATE TABLE a (id int)', transactional: true, description: '+ table a', object: 'public.a' },
        { sql: 'CREATE INDEX CONCURRENTLY a_id ON a (id)', transactional: false, description: '+ index a_id', object: 'public.a' },
        { sql: "CREATE TABLE b (id int DEFAULT 'x')", transactional: true, description: '+ table b', object: 'public.b' },
      ];
      const error = (await runSteps(shadow.db, steps).catch((e: unknown) => e)) as StepFailedError;
      expect(error).toBeInstanceOf(StepFailedError);
      expect(error.step.object).toBe('public.b');
      expect(error.server?.code).toBe('22P02');
      const rows = await shadow.db.query(`SELECT indexrelid FROM pg_index WHERE indexrelid = 'a_id'::regclass`);
      expect(rows).toHaveLength(1);
    } finally {
      await shadow.dispose();
    }
  });
});
