/** The patterns the planner generates pass the rules, and really run (twice) on PostgreSQL. */
import { afterEach, describe, expect, it } from 'vitest';
import { checkGeneratedSql, lintSql } from '../../src/rules/index.js';
import { connect } from '../../src/db/index.js';
import { splitStatements } from '../../src/sql/index.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { GOOD_SQL } from './sql-cases.js';

const AUTH_STUB = `
CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE IF NOT EXISTS auth.users (id uuid PRIMARY KEY);
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS 'select null::uuid';
DO $$ BEGIN CREATE ROLE authenticated NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN CREATE ROLE service_role NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE IF NOT EXISTS public.other (n uuid);
`;

const FORWARD = `-- schema 0.1.0: 001_notifications
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
DO $$ BEGIN
  CREATE TYPE public.notification_kind AS ENUM ('system', 'partner_request', 'reminder');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
ALTER TYPE public.notification_kind ADD VALUE IF NOT EXISTS 'digest';
CREATE OR REPLACE FUNCTION public.update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END
$$;
CREATE TABLE IF NOT EXISTS public.notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  kind public.notification_kind NOT NULL DEFAULT 'system',
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_read boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS notifications_recipient_idx ON public.notifications (recipient_user_id, created_at) WHERE NOT is_read;
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = 'notifications' AND policyname = 'notifications_select_own') THEN
    CREATE POLICY notifications_select_own ON public.notifications FOR SELECT TO authenticated USING (auth.uid() = recipient_user_id);
  END IF;
END $$;
CREATE OR REPLACE TRIGGER update_notifications_updated_at BEFORE UPDATE ON public.notifications
  FOR EACH ROW EXECUTE FUNCTION public.update_updated_at_column();
GRANT SELECT, UPDATE ON public.notifications TO authenticated;
GRANT ALL ON public.notifications TO service_role;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'other_n_fk') THEN
    ALTER TABLE public.other ADD CONSTRAINT other_n_fk FOREIGN KEY (n) REFERENCES public.notifications (id) ON DELETE SET NULL NOT VALID;
  END IF;
END $$;
COMMENT ON TABLE public.notifications IS 'In-app notifications';
COMMIT;
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE public.other VALIDATE CONSTRAINT other_n_fk;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS other_n_idx ON public.other (n);
`;

const ROLLBACK = `-- schema 0.1.0: rollback of 001_notifications
DROP INDEX CONCURRENTLY IF EXISTS public.other_n_idx;
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE public.other DROP CONSTRAINT IF EXISTS other_n_fk;
DROP TABLE IF EXISTS public.notifications;
DROP FUNCTION IF EXISTS public.update_updated_at_column();
DROP TYPE IF EXISTS public.notification_kind;
COMMIT;
`;

/** Runs a script the way the runner does: statements one by one (CONCURRENTLY ones outside transactions). */
async function run(t: TestDatabase, script: string): Promise<void> {
  const session = connect(t.url, { max: 1 }); // BEGIN/COMMIT as statements need one connection
  try {
    for (const statement of splitStatements(script)) await session.exec(statement.text);
  } finally {
    await session.close();
  }
}

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe('generated migration patterns', () => {
  it('pass every SQL rule, in generated and in lint mode', () => {
    expect(checkGeneratedSql('migrations/001_notifications.sql', FORWARD, { exposedSchemas: ['public'] })).toEqual([]);
    expect(checkGeneratedSql('migrations/rollback_001.sql', ROLLBACK, { exposedSchemas: ['public'] })).toEqual([]);
    expect(lintSql('migrations/001_notifications.sql', FORWARD, { exposedSchemas: ['public'] })).toEqual([]);
  });

  it('run forward twice, rollback twice, forward again on PostgreSQL', async () => {
    database = await freshDatabase('rules');
    const t = database;
    await t.db.exec(AUTH_STUB);
    await run(t, FORWARD);
    await run(t, FORWARD);
    const kinds = await t.db.query<{ v: string }>("SELECT unnest(enum_range(NULL::public.notification_kind))::text AS v");
    expect(kinds.map((r) => r.v)).toEqual(['system', 'partner_request', 'reminder', 'digest']);
    const rls = await t.db.query<{ relrowsecurity: boolean }>("SELECT relrowsecurity FROM pg_class WHERE oid = 'public.notifications'::regclass");
    expect(rls[0]!.relrowsecurity).toBe(true);
    await run(t, ROLLBACK);
    await run(t, ROLLBACK);
    expect(await t.db.query("SELECT 1 FROM pg_class WHERE relname = 'notifications'")).toHaveLength(0);
    await run(t, FORWARD);
  });

  it('the seed patterns done right run twice on PostgreSQL', async () => {
    database = await freshDatabase('rules');
    const t = database;
    await t.db.exec(AUTH_STUB);
    await t.db.exec('CREATE TABLE public.notifications (id uuid PRIMARY KEY, owner_id uuid)');
    for (const name of ['guarded enum DO block', 'enum under an IF NOT EXISTS guard', 'update_updated_at_column()', 'ADD COLUMN IF NOT EXISTS with a default', 'SET LOCAL inside a transaction, xact advisory lock', 'safe NOT NULL pattern and FK NOT VALID']) {
      await run(t, GOOD_SQL[name]!);
      await run(t, GOOD_SQL[name]!);
    }
  });
});
