/**
 * A role that owns the schema it deploys to, created for it by an administrator, but holds no CREATE
 * on the database: apply says which privilege is missing and the two ways out, and once the history
 * schema exists (created for the role) it applies without CREATE on the database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { permissionCause } from '../../src/db/errors.js';
import { freshDatabase, loginRole } from '../helpers/db.js';
import { project, schema } from './helpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});

describe('a schema owner without CREATE on the database', () => {
  it('is told it lacks CREATE on the database, and applies once the history schema was created for it', async () => {
    const login = await loginRole('own');
    const role = login.name;
    cleanup.push(login.drop);
    const t = await freshDatabase('owner_role');
    cleanup.push(() => t.drop());
    const database = new URL(t.url).pathname.slice(1);
    await t.db.exec(`CREATE SCHEMA app AUTHORIZATION ${role}; REVOKE CREATE ON DATABASE "${database}" FROM PUBLIC; REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    cleanup.push(async () => {
      await t.db.exec(`DROP SCHEMA IF EXISTS app CASCADE; DROP SCHEMA IF EXISTS schema_migrations CASCADE`);
    });
    const url = new URL(t.url);
    url.username = role;
    const p = project({
      '001_items.sql': 'BEGIN;\nCREATE TABLE IF NOT EXISTS app.items (id bigint PRIMARY KEY);\nCOMMIT;\n',
      'rollback_001.sql': 'DROP TABLE IF EXISTS app.items;\n',
    });

    const refused = await schema(['apply', '--db', url.toString(), '--migrations', p.dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`cannot create the history schema schema_migrations: role ${role} lacks CREATE on database ${database}`);
    expect(refused.stderr).toContain(`CREATE SCHEMA schema_migrations AUTHORIZATION ${role}`);
    expect(refused.stderr).not.toContain('CONNECT');
    expect(await t.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'schema_migrations'`)).toHaveLength(0);

    await t.db.exec(`CREATE SCHEMA schema_migrations AUTHORIZATION ${role}`);
    const applied = await schema(['apply', '--db', url.toString(), '--migrations', p.dir]);
    expect(applied.code, applied.stderr).toBe(0);
    const owners = await t.db.query<{ rel: string; owner: string }>(
      `SELECT c.oid::regclass::text AS rel, pg_get_userbyid(c.relowner) AS owner FROM pg_class c
        WHERE c.oid IN ('app.items'::regclass, 'schema_migrations.history'::regclass) ORDER BY 1`,
    );
    expect(owners).toEqual([
      { rel: 'app.items', owner: role },
      { rel: 'schema_migrations.history', owner: role },
    ]);
  });

  it('names the missing privilege for each kind of permission error the server reports', () => {
    expect(permissionCause('permission denied for database app')).toMatch(/^the role lacks CREATE on database app/);
    expect(permissionCause('permission denied for schema app')).toMatch(/lacks USAGE \(to read\) or CREATE \(to create objects\) on schema app/);
    expect(permissionCause('permission denied for table items')).toMatch(/lacks a privilege on items/);
    expect(permissionCause('must be owner of table items')).toMatch(/only the owner/);
    expect(permissionCause('permission denied to create database')).toMatch(/CREATEDB/);
  });
});
