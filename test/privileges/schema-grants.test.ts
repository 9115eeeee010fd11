/**
 * Schema USAGE/CREATE declared under `schemas:`, and function EXECUTE taken from PUBLIC: planned,
 * rolled back to the exact ACL, pulled. Judged by aclexplode on pg_namespace.nspacl and pg_proc.proacl.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aclRows } from './acl-rows.js';
import { newProject, type Project } from './project.js';

let p: Project;

const spec = (schemaGrants: string): string => `
schemas:
  public:
  api:
    grants: ${schemaGrants}
tables:
  api.items:
    columns:
      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
      name: { type: text, not_null: true }
    rls: true
    grants: { anon: [select], service_role: [all] }
    policies:
      items_read: { for: select, to: anon, using: "true" }
functions:
  api.secret_count:
    returns: bigint
    language: sql
    security: definer
    search_path: "''"
    body: select count(*) from api.items
    grants: { public: [], service_role: [execute] }
`;

const SCHEMAS = ['public', 'api'];
const lines = (rows: readonly string[], prefix: string): string[] => rows.filter((r) => r.startsWith(prefix) && !r.endsWith('(owner)'));

beforeAll(async () => {
  p = await newProject('nspgrants');
});
afterAll(async () => {
  await p?.drop();
});

// Each step plans, applies and re-plans through the CLI: minutes on a loaded machine.
describe('schema and function privileges', { timeout: 300_000 }, () => {
  let first: string[];

  it('grants USAGE on the declared schema and takes EXECUTE from PUBLIC', async () => {
    p.write(spec('{ anon: [usage], service_role: [all] }'));
    await p.planAndApply('api');
    await p.target.db.exec(`INSERT INTO api.items (name) SELECT 'item ' || g FROM generate_series(1, 1500) g`);
    first = await aclRows(p.target.db, SCHEMAS);
    expect(lines(first, 'schema api:')).toEqual(['schema api: anon USAGE', 'schema api: service_role CREATE', 'schema api: service_role USAGE']);
    expect(lines(first, 'function api.secret_count()')).toEqual(['function api.secret_count(): service_role EXECUTE']);
    await p.as('anon', 'SELECT count(*) FROM api.items');
    await expect(p.as('anon', 'SELECT api.secret_count()')).rejects.toThrow(/permission denied for function secret_count/);
    await p.as('service_role', 'SELECT api.secret_count()');
  });

  it('revokes what the spec no longer lists, and the rollback restores the exact ACL', async () => {
    p.write(spec('{ anon: [], service_role: [usage] }'));
    const out = await p.planAndApply('close api');
    expect(out).toContain('revoke usage on api from anon');
    const now = await aclRows(p.target.db, SCHEMAS);
    expect(lines(now, 'schema api:')).toEqual(['schema api: service_role USAGE']);
    await expect(p.as('anon', 'SELECT count(*) FROM api.items')).rejects.toThrow(/permission denied for schema api/);
    const rollback = await p.cli(['apply', '--rollback', '002']);
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    expect(await aclRows(p.target.db, SCHEMAS)).toEqual(first);
  });

  it('pull declares the schema grants, and the pulled YAML plans no change', async () => {
    const out = join(p.dir, 'pulled');
    const pull = await p.cli(['pull', '--db', p.target.url, '--out', out, '--schemas', 'public,api']);
    expect(pull.code, pull.stdout + pull.stderr).toBe(0);
    const schemas = readFileSync(join(out, 'schemas.yaml'), 'utf8');
    expect(schemas).toContain('api: { grants: { anon: [ usage ], service_role: [ all ] } }');
    expect(schemas).toMatch(/public: *\n|public: null/);
    const plan = await p.cli(['plan', '--schema', out, '--migrations', join(p.dir, 'pulled-migrations')]);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes');
  });
});
