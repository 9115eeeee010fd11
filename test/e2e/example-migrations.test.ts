/**
 * The example app's checked-in migrations stay true: applied to an empty Supabase-like database
 * they produce exactly what schema/ describes (the re-plan is empty), and they pass the checklist.
 * Then the app serves its users as the Data API would: rows written and read as `authenticated`
 * with JWT claims, row-level security per user, serial keys usable, ON DELETE as declared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import type { Queryable } from '../../src/db/index.js';

let target: TestDatabase;

beforeAll(async () => {
  target = await freshDatabase('example');
  await target.db.exec(supabasePresetSql());
});

afterAll(async () => {
  await target?.drop();
});

describe('generated-migrations/ of the example app', () => {
  it('pass schema lint', async () => {
    const lint = await runCli(['lint', 'generated-migrations'], { cwd: REPO_ROOT });
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  });

  it('apply cleanly and leave nothing to plan', async () => {
    const env = { DATABASE_URL: target.url };
    const apply = await runCli(['apply'], { cwd: REPO_ROOT, env });
    expect(apply.code, apply.stderr).toBe(0);
    const plan = await runCli(['plan', '--dry-run'], { cwd: REPO_ROOT, env });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes');
  });
});

const user = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Runs `work` as the Data API runs a request of `sub`: role authenticated, the JWT claims set. */
async function asUser<T>(sub: string, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return target.db.transaction(async (tx) => {
    await tx.exec(`SET LOCAL ROLE authenticated; SET LOCAL request.jwt.claims = '{"sub": "${sub}", "role": "authenticated"}'`);
    return work(tx);
  });
}

describe('the example app as its users see it', () => {
  it('creates a profile per auth user, on 3,000 sign-ups', async () => {
    // As on a Supabase project, the API roles may call auth.uid() (the preset stub grants nothing).
    await target.db.exec(`GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role`);
    await target.db.exec(`INSERT INTO auth.users (id, email, raw_user_meta_data)
      SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'u' || g || '@example.com', jsonb_build_object('display_name', 'User ' || g)
      FROM generate_series(1, 3000) AS g`);
    const [row] = await target.db.query<{ n: number; named: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE display_name LIKE 'User %')::int AS named FROM public.profiles`);
    expect(row).toEqual({ n: 3000, named: 3000 });
  });

  it('lets a user request a connection (serial key, pending), seen by both ends and no one else', async () => {
    const [made] = await asUser(user(1), (tx) =>
      tx.query<{ id: number; status: string }>(`INSERT INTO public.partner_connections (requester_id, recipient_id) VALUES ($1, $2) RETURNING id, status::text`, [user(1), user(2)]),
    );
    expect(made).toEqual({ id: 1, status: 'pending' });
    const seen = async (n: number): Promise<number> =>
      (await asUser(user(n), (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.partner_connections`)))[0]!.n;
    expect([await seen(1), await seen(2), await seen(3)]).toEqual([1, 1, 0]);
    const forged = await asUser(user(3), (tx) => tx.query(`INSERT INTO public.partner_connections (requester_id, recipient_id) VALUES ($1, $2)`, [user(1), user(3)])).then(
      () => 'inserted',
      (e: Error) => e.message,
    );
    expect(forged).toMatch(/row-level security/);
  });

  it('moves updated_at when the recipient accepts, by the trigger', async () => {
    await target.db.exec(`UPDATE public.partner_connections SET updated_at = '2024-01-01' WHERE id = 1`);
    const [row] = await asUser(user(2), (tx) =>
      tx.query<{ status: string; moved: boolean }>(`UPDATE public.partner_connections SET status = 'accepted' WHERE id = 1 RETURNING status::text, updated_at > '2024-01-02' AS moved`),
    );
    expect(row).toEqual({ status: 'accepted', moved: true });
  });

  it('delivers notifications from the system (bigserial) that only the recipient reads and marks read', async () => {
    await target.db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL ROLE service_role`);
      await tx.query(`INSERT INTO public.notifications (recipient_user_id, kind, payload) VALUES ($1, 'partner_request', '{"from": 2}'), ($1, 'reminder', '{}')`, [user(1)]);
    });
    const denied = await asUser(user(1), (tx) => tx.query(`INSERT INTO public.notifications (recipient_user_id) VALUES ($1)`, [user(1)])).then(
      () => 'inserted',
      (e: Error) => e.message,
    );
    expect(denied).toMatch(/permission denied for table notifications/);
    expect(await asUser(user(2), (tx) => tx.query(`UPDATE public.notifications SET is_read = true RETURNING id`))).toEqual([]);
    const read = await asUser(user(1), (tx) =>
      tx.query<{ id: string; sent: boolean }>(`UPDATE public.notifications SET is_read = true, read_at = now() WHERE kind = 'partner_request' RETURNING id::text, sent_at <= read_at AS sent`),
    );
    expect(read).toEqual([{ id: '1', sent: true }]);
    const unread = await asUser(user(1), (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.notifications WHERE NOT is_read`));
    expect(unread).toEqual([{ n: 1 }]);
  });

  it('hosts a game session with empty players, settings and turn state by default', async () => {
    const [session] = await asUser(user(1), (tx) =>
      tx.query<{ players: unknown; game_settings: unknown; current_turn_state: unknown }>(
        `INSERT INTO public.sessions (host_id) VALUES ($1) RETURNING players, game_settings, current_turn_state`,
        [user(1)],
      ),
    );
    expect(session).toEqual({ players: [], game_settings: {}, current_turn_state: {} });
    expect(await asUser(user(2), (tx) => tx.query(`SELECT id FROM public.sessions`))).toEqual([]);
  });

  it('applies ON DELETE as declared: the recipient gone sets null, the requester gone removes the connection', async () => {
    await target.db.exec(`INSERT INTO public.partner_connections (requester_id, recipient_id) VALUES ('${user(5)}', '${user(6)}')`);
    await target.db.exec(`DELETE FROM auth.users WHERE id = '${user(2)}'`);
    const [first] = await target.db.query<{ recipient_id: string | null }>(`SELECT recipient_id FROM public.partner_connections WHERE id = 1`);
    expect(first).toEqual({ recipient_id: null });
    await target.db.exec(`DELETE FROM auth.users WHERE id = '${user(5)}'`);
    const left = await target.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM public.partner_connections WHERE requester_id = '${user(5)}'`);
    expect(left).toEqual([{ n: 0 }]);
  });
});
