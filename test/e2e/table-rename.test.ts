/**
 * Renaming a table that holds rows and that another table references: one metadata-only step forward
 * (ALTER TABLE ... RENAME, its key, indexes and sequence renamed with it), never a rebuilt primary key;
 * the rollback renames everything back without re-adding the inbound FK to a name that is gone.
 * Judged by the server: relfilenode (no rewrite) and the pg_constraint row of the key (never dropped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project, type Project } from '../helpers/project.js';

let p: Project;

const spec = (team: string, renamed: boolean): string => `tables:
  ${team}:
${renamed ? '    renamed_from: teams\n' : ''}    columns:
      id: { type: bigint, primary_key: true, identity: always }
      code: { type: bigserial, not_null: true }
      name: { type: text, not_null: true, unique: true }
    checks:
      ${team}_name_len: length(name) > 0
    indexes:
      - { columns: [code] }
    rls: true
    grants: { service_role: [all] }
    policies:
      ${team}_read: { for: select, to: service_role, using: "true" }
  members:
    columns:
      id: { type: bigint, primary_key: true, identity: always }
      team_id: { type: bigint, not_null: true, references: { table: ${team}, on_delete: cascade } }
    indexes:
      - { columns: [team_id] }
    rls: true
    grants: { service_role: [all] }
    policies:
      members_read: { for: select, to: service_role, using: "true" }
`;

interface Fingerprint {
  readonly table: string;
  readonly pkOid: string;
  readonly pkIndex: string;
  readonly constraints: string[];
  readonly indexes: string[];
  readonly sequences: string[];
}

async function fingerprint(table: string): Promise<Fingerprint> {
  const db = p.target.db;
  const [rel] = await db.query<{ relfilenode: string }>(`SELECT relfilenode::text FROM pg_class WHERE oid = $1::regclass`, [`public.${table}`]);
  const [pk] = await db.query<{ oid: string; idx: string }>(
    `SELECT c.oid::text, i.relfilenode::text AS idx FROM pg_constraint c JOIN pg_class i ON i.oid = c.conindid WHERE c.conrelid = $1::regclass AND c.contype = 'p'`,
    [`public.${table}`],
  );
  const names = async (sql: string): Promise<string[]> => (await db.query<{ n: string }>(sql)).map((r) => r.n).sort();
  return {
    table: rel!.relfilenode,
    pkOid: pk!.oid,
    pkIndex: pk!.idx,
    constraints: await names(`SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated AS n FROM pg_constraint WHERE connamespace = 'public'::regnamespace`),
    indexes: await names(`SELECT indexrelid::regclass::text AS n FROM pg_index WHERE indrelid IN ('public.members'::regclass, '${table === 'teams' ? 'public.teams' : 'public.squads'}'::regclass)`),
    sequences: await names(`SELECT relname AS n FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace`),
  };
}

beforeAll(async () => {
  p = await project('rename');
  p.spec({ 'app.yaml': spec('teams', false) });
  const plan = await p.cli(['plan', '--name', 'teams']);
  expect(plan.code, plan.stderr).toBe(0);
  const apply = await p.cli(['apply']);
  expect(apply.code, apply.stderr).toBe(0);
  await p.target.db.exec(`INSERT INTO public.teams (name) SELECT 'team ' || g FROM generate_series(1, 3000) g;
    INSERT INTO public.members (team_id) SELECT 1 + g % 3000 FROM generate_series(1, 3000) g;`);
});

afterAll(async () => p?.close());

describe('renaming a referenced table with rows', () => {
  let before: Fingerprint;
  let forward: string;

  it('plans a verified metadata-only rename', async () => {
    before = await fingerprint('teams');
    p.spec({ 'app.yaml': spec('squads', true) });
    // A rename breaks the app version still deployed (it queries the old name): refused until allowed.
    const refused = await p.cli(['plan', '--name', 'rename teams']);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stderr).toContain('breaks the app version still deployed (breaks-clients): it loses table public.teams (now public.squads)');
    const plan = await p.cli(['plan', '--name', 'rename teams', '--allow-hazard', 'breaks-clients']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    forward = p.read('002_rename_teams.sql');
    expect(forward).toMatch(/-- hazards: breaks-clients\n/);
    expect(forward).toContain('ALTER TABLE public.teams RENAME TO squads');
    expect(forward).toContain('RENAME CONSTRAINT teams_pkey TO squads_pkey');
    expect(forward).toContain('ALTER SEQUENCE public.teams_code_seq RENAME TO squads_code_seq');
    // Nothing dropped, built or validated: the key, the FK and the indexes follow the rename.
    expect(forward).not.toMatch(/DROP CONSTRAINT|ADD CONSTRAINT|CREATE (UNIQUE )?INDEX|VALIDATE|DROP INDEX|SET DEFAULT/);
    expect(forward).not.toMatch(/hazards: .*access-exclusive/);
    const lint = await p.cli(['lint', 'generated-migrations']);
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  });

  it('applies without rewriting the table or dropping its key, and re-plans nothing', async () => {
    const apply = await p.cli(['apply']);
    expect(apply.code, apply.stderr).toBe(0);
    const after = await fingerprint('squads');
    expect(after.table).toBe(before.table);
    expect(after.pkOid).toBe(before.pkOid); // the same pg_constraint row: the key was never missing
    expect(after.pkIndex).toBe(before.pkIndex);
    expect(after.constraints).toEqual([
      'members members_pkey PRIMARY KEY (id) true',
      'members members_team_id_fkey FOREIGN KEY (team_id) REFERENCES squads(id) ON DELETE CASCADE true',
      'squads squads_name_key UNIQUE (name) true',
      'squads squads_name_len CHECK ((length(name) > 0)) true',
      'squads squads_pkey PRIMARY KEY (id) true',
    ]);
    expect(before.sequences).toEqual(['members_id_seq', 'teams_code_seq', 'teams_id_seq']);
    expect(after.sequences).toEqual(['members_id_seq', 'squads_code_seq', 'squads_id_seq']);
    const [{ n }] = await p.target.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.squads JOIN public.members ON members.team_id = squads.id`);
    expect(n).toBe(3000);
    const again = await p.cli(['plan']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');
    const check = await p.cli(['check']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it('rolls back to the exact earlier names, still without a rewrite', async () => {
    const rollback = await p.cli(['apply', '--rollback', '002']);
    expect(rollback.code, rollback.stderr).toBe(0);
    const restored = await fingerprint('teams');
    expect(restored).toEqual(before);
  });
});
