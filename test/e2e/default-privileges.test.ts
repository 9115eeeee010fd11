/**
 * Default privileges as code (ALTER DEFAULT PRIVILEGES FOR ROLE ... IN SCHEMA ...): planned, applied,
 * changed, rolled back, judged by the server's pg_default_acl (aclexplode), and by what a table
 * created afterwards actually grants. Entries the spec does not declare (another role's, another
 * kind's) are never touched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { project, type Project } from './project.js';

const spec = (tables: string): string => `schemas:
  public:
    default_privileges:
      postgres:
        tables: { ${tables} }
        sequences: { authenticated: [usage] }
tables:
  items:
    columns:
      id: { type: bigint, primary_key: true }
    rls: true
    waive: { rls-required: "read by the server only, never through the Data API" }
`;

let p: Project;

/** pg_default_acl of schema public, as the server explodes it: role, kind, grantee, privilege. */
async function defaults(): Promise<string[]> {
  const rows = await p.target.db.query<{ line: string }>(
    `SELECT pg_get_userbyid(d.defaclrole) || ' ' || d.defaclobjtype::text || ' ' || coalesce(r.rolname, 'PUBLIC') || ' ' || a.privilege_type AS line
       FROM pg_default_acl d CROSS JOIN LATERAL aclexplode(d.defaclacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
      WHERE d.defaclnamespace = 'public'::regnamespace ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

beforeAll(async () => {
  p = await project('defaults', { preset: 'supabase', exposed: ['public'] });
  await p.target.db.exec(supabasePresetSql());
  // Another role's default privileges in the same schema: never the spec's business.
  await p.target.db.exec(`ALTER DEFAULT PRIVILEGES FOR ROLE supabase_admin IN SCHEMA public GRANT SELECT ON TABLES TO anon`);
});

afterAll(async () => {
  // pg_default_acl is per database: dropping it takes the entries along.
  await p?.remove();
});

describe('default privileges', () => {
  it('are planned, applied, changed and rolled back exactly, leaving undeclared entries alone', async () => {
    p.spec(spec('authenticated: [select], service_role: [all]'));
    const first = await p.cli(['plan']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('+ default grant select on tables postgres creates in public to authenticated');
    expect((await p.cli(['lint', 'generated-migrations'])).code).toBe(0);
    expect((await p.cli(['apply'])).code).toBe(0);
    const applied = [
      'postgres S authenticated USAGE',
      'postgres r authenticated SELECT',
      ...['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'].map((p) => `postgres r service_role ${p}`),
      'supabase_admin r anon SELECT',
    ].sort();
    expect(await defaults()).toEqual(applied);
    expect((await p.cli(['plan', '--dry-run'])).stdout).toContain('No changes');

    // What they are for: a table postgres creates later is granted without a GRANT of its own.
    await p.target.db.exec(`CREATE TABLE public.later (id int)`);
    const granted = await p.target.db.query<{ can: boolean }>(`SELECT has_table_privilege('authenticated', 'public.later', 'SELECT') AS can`);
    expect(granted).toEqual([{ can: true }]);
    await p.target.db.exec(`DROP TABLE public.later`);

    // A role the spec no longer names is left alone (as with every grant); `role: []` revokes.
    p.spec(spec('authenticated: [select, insert], service_role: []'));
    const second = await p.cli(['plan']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('+ default grant insert on tables postgres creates in public to authenticated');
    expect(second.stdout).toContain('- default grant select, insert, update, delete, truncate, references, trigger on tables postgres creates in public from service_role');
    expect((await p.cli(['apply'])).code).toBe(0);
    expect(await defaults()).toEqual(['postgres S authenticated USAGE', 'postgres r authenticated INSERT', 'postgres r authenticated SELECT', 'supabase_admin r anon SELECT'].sort());
    expect((await p.cli(['plan', '--dry-run'])).stdout).toContain('No changes');

    const back = await p.cli(['apply', '--rollback', '002']);
    expect(back.code, back.stderr).toBe(0);
    expect(await defaults()).toEqual(applied);
    const all = await p.cli(['apply', '--rollback', '001']);
    expect(all.code, all.stderr).toBe(0);
    expect(await defaults()).toEqual(['supabase_admin r anon SELECT']);
    expect((await p.cli(['apply'])).code).toBe(0);
    expect(await defaults()).toEqual(['postgres S authenticated USAGE', 'postgres r authenticated INSERT', 'postgres r authenticated SELECT', 'supabase_admin r anon SELECT'].sort());

    // pull writes every role's entries of the schema as they are; planned back, nothing changes.
    const pull = await p.cli(['pull', '--out', 'pulled']);
    expect(pull.code, pull.stderr).toBe(0);
    const pulled = parse(readFileSync(join(p.dir, 'pulled', 'schemas.yaml'), 'utf8')) as { schemas: { public: { default_privileges: unknown } } };
    expect(pulled.schemas.public.default_privileges).toEqual({
      postgres: { tables: { authenticated: ['select', 'insert'] }, sequences: { authenticated: ['usage'] } },
      supabase_admin: { tables: { anon: ['select'] } },
    });
    const replan = await p.cli(['plan', '--dry-run', '--schema', 'pulled']);
    expect(replan.stdout, replan.stderr).toContain('No changes');
  });
});
