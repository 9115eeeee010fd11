/**
 * The grant option (`select with grant option`), revokes of roles the YAML never names, and
 * default privileges without IN SCHEMA: planned with inverses, rolled back to the exact ACL,
 * pulled back. Judged by aclexplode (acl-rows.ts), apart from the project's Catalog.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aclRows } from './acl-rows.js';
import { newProject, type Project } from './project.js';

let p: Project;

const spec = (grants: string, extra = ''): string => `
tables:
  notes:
    columns:
      id: { type: bigint, primary_key: true }
      body: { type: text }
    rls: true
    grants: ${grants}
    policies:
      notes_read: { for: select, to: [authenticated, service_role], using: "true" }
${extra}`;

const noteLines = (rows: readonly string[]): string[] => rows.filter((r) => r.startsWith('table public.notes:') && !r.endsWith('(owner)'));

beforeAll(async () => {
  p = await newProject('grantopt');
});
afterAll(async () => {
  await p?.drop();
});

describe('grant option, live grantees and global default privileges', { timeout: 300_000 }, () => {
  let first: string[];

  it('grants WITH GRANT OPTION, and takes the option alone away', async () => {
    p.write(spec('{ authenticated: [select with grant option], service_role: [all] }'));
    await p.planAndApply('notes');
    first = await aclRows(p.target.db);
    expect(noteLines(first)).toContain('table public.notes: authenticated SELECT WITH GRANT OPTION');
    p.write(spec('{ authenticated: [select], service_role: [all with grant option] }'));
    const out = await p.planAndApply('option');
    expect(out).toContain('revoke grant option of select on public.notes from authenticated');
    const now = noteLines(await aclRows(p.target.db));
    expect(now).toContain('table public.notes: authenticated SELECT');
    expect(now).toContain('table public.notes: service_role TRUNCATE WITH GRANT OPTION');
    const rollback = await p.cli(['apply', '--rollback', '002']);
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    expect(await aclRows(p.target.db)).toEqual(first);
    // The change is reverted in the repository too, as a team drops a rolled-back pair.
    for (const file of ['002_option.sql', 'rollback_002.sql']) rmSync(join(p.dir, 'generated-migrations', file));
  });

  it('revokes what a role the YAML never names holds on a managed table', async () => {
    await p.target.db.exec(`DO $$ BEGIN CREATE ROLE grantopt_stranger NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
      GRANT SELECT, UPDATE ON public.notes TO grantopt_stranger`);
    p.write(spec('{ authenticated: [select with grant option], service_role: [all] }'));
    const out = await p.planAndApply('stranger');
    expect(out).toContain('revoke select, update on public.notes from grantopt_stranger');
    expect(noteLines(await aclRows(p.target.db)).filter((r) => r.includes('grantopt_stranger'))).toEqual([]);
  });

  it('manages default privileges without IN SCHEMA, and pull writes them back', async () => {
    p.write(spec('{ authenticated: [select with grant option], service_role: [all] }', 'default_privileges:\n  postgres: { functions: { public: [] }, types: { authenticated: [usage] } }\n'));
    const out = await p.planAndApply('defaults');
    expect(out).toContain('default grant');
    const rows = await aclRows(p.target.db);
    expect(rows.filter((r) => r.startsWith('default f postgres in *'))).toEqual(['default f postgres in *: postgres EXECUTE']);
    expect(rows.filter((r) => r.startsWith('default T postgres in *'))).toContain('default T postgres in *: authenticated USAGE');
    const pulled = join(p.dir, 'pulled');
    const pull = await p.cli(['pull', '--db', p.target.url, '--out', pulled]);
    expect(pull.code, pull.stdout + pull.stderr).toBe(0);
    const text = readFileSync(join(pulled, 'schemas.yaml'), 'utf8');
    expect(text).toContain('functions: { public: [] }');
    expect(readFileSync(join(pulled, 'tables', 'public.notes.yaml'), 'utf8')).toContain('select with grant option');
    const plan = await p.cli(['plan', '--schema', pulled, '--migrations', join(p.dir, 'pulled-migrations')]);
    expect(plan.stdout + plan.stderr).toContain('No changes');
    const rollback = await p.cli(['apply', '--rollback', '003']);
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    expect((await aclRows(p.target.db)).filter((r) => r.startsWith('default f postgres in *') || r.startsWith('default T postgres in *'))).toEqual([]);
  });
});
