/**
 * Column privileges (`GRANT UPDATE (display_name, bio)`): declared as `{ update: [...] }` in a
 * table's grants, planned with inverses, rolled back to the exact ACL, pulled. Judged by
 * aclexplode on pg_attribute.attacl, on a table holding rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aclRows } from './acl-rows.js';
import { newProject, type Project } from './project.js';

let p: Project;

const spec = (grants: string): string => `
tables:
  profiles:
    columns:
      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
      username: { type: text, not_null: true }
      display_name: { type: text }
      bio: { type: text }
    rls: true
    grants: ${grants}
    policies:
      profiles_read: { for: select, to: [anon, authenticated], using: "true" }
      profiles_edit: { for: update, to: authenticated, using: "true", check: "true" }
`;

const columnLines = (rows: readonly string[]): string[] => rows.filter((r) => r.startsWith('column public.profiles.'));

beforeAll(async () => {
  p = await newProject('colgrants');
});
afterAll(async () => {
  await p?.drop();
});

// Each step plans, applies and re-plans through the CLI: minutes on a loaded machine.
describe('column privileges', { timeout: 300_000 }, () => {
  let first: string[];

  it('grants UPDATE on the listed columns only, and the role can update those and no other', async () => {
    p.write(spec('{ anon: [select], authenticated: [select, { update: [display_name, bio] }], service_role: [all] }'));
    const out = await p.planAndApply('profiles');
    expect(out).toContain('grant update on public.profiles.bio to authenticated');
    await p.target.db.exec(`INSERT INTO public.profiles (username) SELECT 'user' || g FROM generate_series(1, 2000) g`);
    first = await aclRows(p.target.db);
    expect(columnLines(first)).toEqual([
      'column public.profiles.bio: authenticated UPDATE',
      'column public.profiles.display_name: authenticated UPDATE',
    ]);
    await p.as('authenticated', `UPDATE public.profiles SET display_name = 'x', bio = 'y' WHERE username = 'user7'`);
    await expect(p.as('authenticated', `UPDATE public.profiles SET username = 'taken' WHERE username = 'user8'`)).rejects.toThrow(/permission denied for table profiles/);
  });

  it('moves a column grant, and the rollback restores the exact ACL', async () => {
    p.write(spec('{ anon: [select, { references: [id] }], authenticated: [{ select: [id, username], update: [bio] }], service_role: [all] }'));
    const out = await p.planAndApply('narrow');
    expect(out).toContain('revoke update on public.profiles.display_name from authenticated');
    const now = await aclRows(p.target.db);
    expect(columnLines(now)).toEqual([
      'column public.profiles.bio: authenticated UPDATE',
      'column public.profiles.id: anon REFERENCES',
      'column public.profiles.id: authenticated SELECT',
      'column public.profiles.username: authenticated SELECT',
    ]);
    expect(now.filter((r) => r.startsWith('table public.profiles: authenticated'))).toEqual([]);
    const rows = await p.target.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM public.profiles`);
    expect(rows[0]!.n).toBe('2000');
    const rollback = await p.cli(['apply', '--rollback', '002']);
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    expect(await aclRows(p.target.db)).toEqual(first);
  });

  it('pull writes column privileges back as the spec reads them', async () => {
    const out = join(p.dir, 'pulled');
    const pull = await p.cli(['pull', '--db', p.target.url, '--out', out]);
    expect(pull.code, pull.stdout + pull.stderr).toBe(0);
    expect(readFileSync(join(out, 'tables', 'public.profiles.yaml'), 'utf8')).toContain('authenticated: [ select, { update: [ display_name, bio ] } ]');
    const plan = await p.cli(['plan', '--schema', out, '--migrations', join(p.dir, 'pulled-migrations')]);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes');
  });

  it('refuses a column that is not in the table, at its YAML position', async () => {
    p.write(spec('{ authenticated: [select, { update: [nickname] }] }'));
    const result = await p.cli(['validate']);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/schema\/app\.yaml:\d+:\d+ .*column "nickname" of update is not a column of this table/);
  });
});
