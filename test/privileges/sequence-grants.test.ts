/**
 * A serial-keyed table granted INSERT is usable by that role: the plan grants USAGE on the
 * sequence its default calls, revokes it with the table's INSERT, and explicit `grants:` on
 * `sequences:` entries are planned, rolled back and pulled. Judged by aclexplode on the server.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { aclRows, linesOf } from './acl-rows.js';

let work: string;
let target: TestDatabase;

const spec = (ticketGrants: string, counterGrants: string): string => `
sequences:
  ticket_counter: { grants: ${counterGrants} }
tables:
  tickets:
    columns:
      id: { type: bigserial, primary_key: true }
      number: { type: bigint, not_null: true, default: "nextval('ticket_counter')" }
      title: { type: text, not_null: true }
      created_at: { type: timestamptz, not_null: true, default: now() }
    rls: true
    grants: ${ticketGrants}
    policies:
      tickets_read: { for: select, to: authenticated, using: "true" }
      tickets_add: { for: insert, to: authenticated, check: "true" }
      tickets_edit: { for: update, to: authenticated, using: "true" }
  badges:
    columns:
      id: { type: bigint, primary_key: true, identity: always }
      label: { type: text, not_null: true }
    rls: true
    grants: { authenticated: [select, insert] }
    policies:
      badges_read: { for: select, to: authenticated, using: "true" }
      badges_add: { for: insert, to: authenticated, check: "true" }
`;

const write = (yaml: string): void => writeFileSync(join(work, 'schema', 'app.yaml'), yaml);
const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });

async function planAndApply(name: string): Promise<string> {
  const plan = await cli(['plan', '--name', name]);
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const apply = await cli(['apply']);
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  const again = await cli(['plan']);
  expect(again.stdout + again.stderr).toContain('No changes');
  return plan.stdout;
}

/** One statement as `authenticated`, in a transaction of its own on a connection of its own. */
async function asAuthenticated(sql: string): Promise<void> {
  const db = connect(target.url, { max: 1 });
  try {
    await db.exec(`BEGIN; SET LOCAL ROLE authenticated; ${sql}; COMMIT`);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-seqgrants-'));
  mkdirSync(join(work, 'schema'));
  target = await freshDatabase('seqgrants');
  await target.db.exec(supabasePresetSql());
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

// Each step plans, applies and re-plans through the CLI: minutes on a loaded machine.
describe('sequence privileges', { timeout: 300_000 }, () => {
  let afterFirst: string[];

  it('a bigserial table granted insert takes inserts from that role once applied', async () => {
    write(spec('{ authenticated: [select, insert, update], service_role: [all] }', '{ anon: [select] }'));
    await planAndApply('tickets');
    await target.db.exec(`INSERT INTO public.tickets (title) SELECT 'seed ' || g FROM generate_series(1, 3000) g`);
    await asAuthenticated(`INSERT INTO public.tickets (title) VALUES ('mine')`);
    await asAuthenticated(`INSERT INTO public.badges (label) VALUES ('gold')`);
    const rows = await target.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM public.tickets`);
    expect(rows[0]!.n).toBe('3001');
    afterFirst = await aclRows(target.db);
    expect(linesOf(afterFirst, 'sequence public.tickets_id_seq')).toEqual([
      'sequence public.tickets_id_seq: authenticated USAGE',
      'sequence public.tickets_id_seq: service_role USAGE',
    ]);
    expect(linesOf(afterFirst, 'sequence public.ticket_counter')).toEqual([
      'sequence public.ticket_counter: anon SELECT',
      'sequence public.ticket_counter: authenticated USAGE',
      'sequence public.ticket_counter: service_role USAGE',
    ]);
  });

  it('revokes the USAGE with the insert grant, and the rollback restores the exact ACL', async () => {
    write(spec('{ authenticated: [select], service_role: [all] }', '{ anon: [select, update] }'));
    const out = await planAndApply('read only');
    expect(out).toContain('revoke usage on public.tickets_id_seq from authenticated');
    const now = await aclRows(target.db);
    expect(linesOf(now, 'sequence public.tickets_id_seq')).toEqual(['sequence public.tickets_id_seq: service_role USAGE']);
    expect(linesOf(now, 'sequence public.ticket_counter')).toEqual([
      'sequence public.ticket_counter: anon SELECT',
      'sequence public.ticket_counter: anon UPDATE',
      'sequence public.ticket_counter: service_role USAGE',
    ]);
    await expect(asAuthenticated(`INSERT INTO public.tickets (title) VALUES ('denied')`)).rejects.toThrow(/permission denied for table tickets/);
    const rollback = await cli(['apply', '--rollback', '002']);
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    expect(await aclRows(target.db)).toEqual(afterFirst);
    await asAuthenticated(`INSERT INTO public.tickets (title) VALUES ('again')`);
  });

  it('pull writes the explicit grants and leaves out what the table grants imply', async () => {
    const out = join(work, 'pulled');
    const pull = await cli(['pull', '--db', target.url, '--out', out]);
    expect(pull.code, pull.stdout + pull.stderr).toBe(0);
    const sequences = readFileSync(join(out, 'sequences.yaml'), 'utf8');
    expect(sequences).toMatch(/ticket_counter: \{ grants: \{ anon: \[ select \] \} \}/);
    expect(sequences).not.toMatch(/usage/);
    // The pulled YAML describes the database exactly: planning it there changes nothing.
    const plan = await cli(['plan', '--schema', out, '--migrations', join(work, 'pulled-migrations')]);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes');
  });
});
