/**
 * Database failures through the CLI: a refused connection, a wrong password, a missing database, a
 * role without catalog access and a statement timeout each end `pull`, `plan` and `status` with one
 * clear line on stderr and exit 1 or 2, never a stack trace.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, startEmbedded, stopEmbedded } from '../../src/db/index.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { adminUrl, freshDatabase, urlForDatabase, type TestDatabase } from '../helpers/db.js';

const COMMANDS: readonly (readonly string[])[] = [['pull', '--out', 'pulled'], ['plan', '--dry-run', '--verify', 'none'], ['status']];

function withRole(url: string, role: string, password?: string): string {
  const out = new URL(url);
  out.username = role;
  out.password = password ?? '';
  return out.toString();
}

/** The error lines of a run: stderr without pull's progress line. */
function errorLines(result: CliResult): string[] {
  return result.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('Reading '));
}

function expectOneClearLine(result: CliResult, pattern: RegExp): void {
  const lines = errorLines(result);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^schema: /);
  expect(lines[0]).toMatch(pattern);
  expect(lines[0]).not.toMatch(/unexpected error|internal error/);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
  expect([1, 2]).toContain(result.code);
}

describe('database failures through the CLI', () => {
  const suffix = randomBytes(4).toString('hex');
  const slowRole = `errs_slow_${suffix}`;
  const noCatalogRole = `errs_nocat_${suffix}`;
  let project: string;
  let target: TestDatabase;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'schema-errors-cli-'));
    const init = await runCli(['init'], { cwd: project });
    expect(init.code).toBe(0);
    target = await freshDatabase('errs');
    const admin = connect(adminUrl());
    try {
      await admin.exec(`CREATE ROLE ${slowRole} LOGIN; CREATE ROLE ${noCatalogRole} LOGIN;
        ALTER ROLE ${slowRole} IN DATABASE ${target.name} SET statement_timeout = '1ms';`);
    } finally {
      await admin.close();
    }
    // Catalog privileges are per database: in this one, only the slow role may read pg_class.
    await target.db.exec(`CREATE TABLE items (id int PRIMARY KEY, title text);
      REVOKE SELECT ON pg_catalog.pg_class FROM PUBLIC; GRANT SELECT ON pg_catalog.pg_class TO ${slowRole};`);
  });

  afterAll(async () => {
    await target?.drop();
    const admin = connect(adminUrl());
    try {
      await admin.exec(`DROP ROLE IF EXISTS ${slowRole}; DROP ROLE IF EXISTS ${noCatalogRole};`);
    } finally {
      await admin.close();
    }
    rmSync(project, { recursive: true, force: true });
  });

  const run = (args: readonly string[], url: string) => runCli([...args, '--db', url], { cwd: project });

  for (const args of COMMANDS) {
    it(`${args[0]}: a refused connection`, async () => {
      expectOneClearLine(await run(args, 'postgres://postgres:sekret@127.0.0.1:1/postgres'), /connection refused/);
    });

    it(`${args[0]}: a missing database`, async () => {
      const result = await run(args, urlForDatabase(adminUrl(), `no_such_db_${suffix}`));
      expectOneClearLine(result, /database does not exist/);
    });

    it(`${args[0]}: a role without catalog access`, async () => {
      const result = await run(args, withRole(target.url, noCatalogRole));
      expectOneClearLine(result, /permission denied.*pg_class/);
    });

    it(`${args[0]}: a statement timeout`, async () => {
      const result = await run(args, withRole(target.url, slowRole));
      expectOneClearLine(result, /statement_timeout/);
    });
  }

  // The shared server trusts every local connection, so a password can only be wrong on a server
  // that asks for one: a private embedded server whose pg_hba.conf requires SCRAM for one role.
  describe('with password authentication', () => {
    const root = mkdtempSync(join(tmpdir(), 'schema-errors-pw-'));
    chmodSync(root, 0o755);
    const dataDir = join(root, 'db');
    const role = `errs_pw_${suffix}`;
    let serverUrl: string;

    beforeAll(async () => {
      serverUrl = (await startEmbedded({ dataDir })).url;
      const hbaPath = join(dataDir, 'pg_hba.conf');
      const hba = readFileSync(hbaPath, 'utf8');
      writeFileSync(hbaPath, `host all ${role} 127.0.0.1/32 scram-sha-256\nhost all ${role} ::1/128 scram-sha-256\n${hba}`);
      const admin = connect(serverUrl);
      try {
        await admin.exec(`SET password_encryption = 'scram-sha-256'; CREATE ROLE ${role} LOGIN PASSWORD 'right-password';
          SELECT pg_catalog.pg_reload_conf();`);
      } finally {
        await admin.close();
      }
    });

    afterAll(async () => {
      await stopEmbedded(dataDir);
      rmSync(root, { recursive: true, force: true });
    });

    it('the right password connects (the server really checks it)', async () => {
      const db = connect(withRole(serverUrl, role, 'right-password'));
      try {
        expect(await db.query('SELECT current_user AS u')).toEqual([{ u: role }]);
      } finally {
        await db.close();
      }
    });

    for (const args of COMMANDS) {
      it(`${args[0]}: a wrong password`, async () => {
        const result = await run(args, withRole(serverUrl, role, 'wrong-password'));
        expectOneClearLine(result, /password authentication failed/);
        expect(result.stderr).not.toContain('wrong-password');
      });
    }
  });
});
