/** Bad SQL per rule: each case must produce a finding of that rule at that line (and only with that id there). */
export interface SqlCase {
  readonly name: string;
  readonly sql: string;
  readonly line: number;
  readonly col?: number;
  readonly severity?: 'error' | 'warning';
  readonly path?: string;
}

export const BAD_SQL: Record<string, readonly SqlCase[]> = {
  timestamptz: [
    { name: 'timestamp in CREATE TABLE', sql: 'CREATE TABLE IF NOT EXISTS app.e (\n  id uuid,\n  created_at timestamp NOT NULL\n);', line: 3, col: 14 },
    { name: 'timestamp without time zone in ADD COLUMN', sql: 'ALTER TABLE app.e ADD COLUMN IF NOT EXISTS seen_at TIMESTAMP WITHOUT TIME ZONE;', line: 1, col: 52 },
    { name: 'pg_catalog.timestamp with precision', sql: 'SELECT 1;\nALTER TABLE app.e ALTER COLUMN x TYPE pg_catalog.timestamp(3);', line: 2 },
    { name: 'timestamp array', sql: 'CREATE TABLE IF NOT EXISTS app.e (ts timestamp[]);', line: 1 },
    { name: 'domain over timestamp', sql: 'DO $$ BEGIN CREATE DOMAIN app.local_time AS timestamp; EXCEPTION WHEN duplicate_object THEN NULL; END $$;', line: 1 },
  ],
  'enum-idempotent': [
    { name: 'bare CREATE TYPE AS ENUM', sql: "SELECT 1;\nCREATE TYPE kind AS ENUM ('a', 'b');", line: 2, col: 1 },
    { name: 'DO block without the duplicate_object handler', sql: "DO $$\nBEGIN\n  CREATE TYPE kind AS ENUM ('a');\nEXCEPTION WHEN undefined_table THEN NULL;\nEND $$;", line: 3, col: 3 },
    { name: 'ADD VALUE without IF NOT EXISTS', sql: "ALTER TYPE kind ADD VALUE 'c';", line: 1 },
  ],
  'uuid-keys': [
    { name: 'serial PK with a users FK', sql: 'CREATE TABLE IF NOT EXISTS app.notes (\n  id serial PRIMARY KEY,\n  user_id uuid REFERENCES auth.users (id) ON DELETE CASCADE\n);', line: 2, col: 6, severity: 'warning' },
    { name: 'bigint identity PK with a table FK to users', sql: 'CREATE TABLE IF NOT EXISTS app.n (id bigint GENERATED ALWAYS AS IDENTITY, u uuid, PRIMARY KEY (id), FOREIGN KEY (u) REFERENCES public.users (id) ON DELETE CASCADE);', line: 1, severity: 'warning' },
  ],
  'rls-required': [
    { name: 'CREATE TABLE in public without RLS', sql: 'CREATE TABLE IF NOT EXISTS notes (id uuid PRIMARY KEY);', line: 1, col: 28 },
    { name: 'RLS enabled on another table', sql: 'CREATE TABLE IF NOT EXISTS public.a (id uuid);\nALTER TABLE public.b ENABLE ROW LEVEL SECURITY;\nCREATE TABLE IF NOT EXISTS public.b (id uuid);', line: 1 },
  ],
  'fk-on-delete': [
    { name: 'column FK without ON DELETE', sql: 'CREATE TABLE IF NOT EXISTS app.n (\n  user_id uuid REFERENCES auth.users (id) ON UPDATE CASCADE,\n  other int\n);', line: 2, col: 16 },
    { name: 'table FK without ON DELETE (a NOT NULL after it)', sql: 'CREATE TABLE IF NOT EXISTS app.n (a int NOT NULL, CONSTRAINT n_a_fk FOREIGN KEY (a) REFERENCES app.m (id));', line: 1 },
    { name: 'ADD CONSTRAINT FK in a guarded DO block without ON DELETE', sql: "DO $$ BEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'x') THEN\n    ALTER TABLE app.n ADD CONSTRAINT x FOREIGN KEY (a) REFERENCES app.m (id) NOT VALID;\n  END IF;\nEND $$;", line: 3 },
    { name: 'users FK with RESTRICT', sql: 'CREATE TABLE IF NOT EXISTS app.n (u uuid REFERENCES auth.users ON DELETE RESTRICT);', line: 1, severity: 'warning' },
  ],
  'jsonb-default': [
    { name: 'jsonb column without default', sql: 'ALTER TABLE app.n ADD COLUMN IF NOT EXISTS payload jsonb;', line: 1, col: 44, severity: 'warning' },
  ],
  'not-null-default': [
    { name: 'ADD COLUMN NOT NULL without default', sql: 'ALTER TABLE notifications ADD COLUMN IF NOT EXISTS is_read boolean NOT NULL;', line: 1, col: 52 },
    { name: 'SET NOT NULL without a validated check', sql: 'BEGIN;\nALTER TABLE notifications ALTER COLUMN kind SET NOT NULL;\nCOMMIT;', line: 2, severity: 'warning' },
  ],
  'idempotent-ddl': [
    { name: 'CREATE TABLE without IF NOT EXISTS', sql: 'CREATE TABLE app.n (id uuid);', line: 1 },
    { name: 'ADD COLUMN without IF NOT EXISTS', sql: 'SELECT 1;\n\nALTER TABLE app.n ADD COLUMN x int;', line: 3 },
    { name: 'DROP INDEX without IF EXISTS', sql: 'DROP INDEX app.n_idx;', line: 1 },
    { name: 'CREATE POLICY unguarded', sql: 'CREATE POLICY p ON app.n USING (true);', line: 1 },
    { name: 'CREATE POLICY after dropping another policy', sql: 'DROP POLICY IF EXISTS other ON app.n;\nCREATE POLICY p ON app.n USING (true);', line: 2 },
    { name: 'CREATE FUNCTION without OR REPLACE', sql: "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';", line: 1 },
    { name: 'unguarded ADD CONSTRAINT', sql: 'ALTER TABLE app.n ADD CONSTRAINT c CHECK (x > 0) NOT VALID;', line: 1 },
    { name: 'RENAME', sql: 'ALTER TABLE app.n RENAME COLUMN a TO b;', line: 1 },
  ],
  'pgbouncer-safe': [
    { name: 'session SET', sql: "BEGIN;\nSET statement_timeout = '1min';\nCOMMIT;", line: 2 },
    { name: 'RESET', sql: 'RESET ALL;', line: 1 },
    { name: 'advisory lock nested in an expression', sql: 'SELECT CASE WHEN pg_try_advisory_lock(42) THEN 1 END;', line: 1, col: 18 },
    { name: 'advisory lock in a DO block', sql: 'DO $$\nBEGIN\n  PERFORM pg_advisory_lock(1);\nEND $$;', line: 3 },
    { name: 'advisory lock in a DO block IF condition', sql: 'DO $$\nBEGIN\n  IF pg_try_advisory_lock(1) THEN\n    NULL;\n  END IF;\nEND $$;', line: 3 },
    { name: 'temp table', sql: 'CREATE TEMP TABLE IF NOT EXISTS scratch (id int);', line: 1 },
    { name: 'LISTEN', sql: 'LISTEN jobs;', line: 1 },
    { name: 'NOTIFY', sql: 'NOTIFY jobs;', line: 1 },
    { name: 'PREPARE', sql: 'PREPARE q AS SELECT 1;', line: 1 },
    { name: 'DECLARE CURSOR WITH HOLD', sql: 'DECLARE c CURSOR WITH HOLD FOR SELECT 1;', line: 1 },
    { name: 'set_config session-wide', sql: "SELECT set_config('app.x', '1', false);", line: 1 },
  ],
  'api-exposure': [
    { name: 'GRANT to anon without RLS', sql: 'CREATE TABLE IF NOT EXISTS public.notes (id uuid);\nGRANT SELECT ON public.notes TO anon;', line: 2, col: 17 },
    { name: 'GRANT to authenticated on an existing table', sql: 'GRANT INSERT ON notes TO authenticated;', line: 1 },
  ],
  'concurrent-index': [
    { name: 'CREATE INDEX on an existing table', sql: 'CREATE INDEX IF NOT EXISTS n_idx ON app.n (a);', line: 1 },
    { name: 'CONCURRENTLY inside a transaction', sql: 'BEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS n_idx ON app.n (a);\nCOMMIT;', line: 2 },
  ],
  'fk-not-valid': [
    { name: 'FK added to an existing table without NOT VALID', sql: "DO $$ BEGIN\n  ALTER TABLE app.n ADD CONSTRAINT n_fk FOREIGN KEY (a) REFERENCES app.m (id) ON DELETE CASCADE;\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND $$;", line: 2 },
    { name: 'CHECK added without NOT VALID', sql: 'ALTER TABLE app.n DROP CONSTRAINT IF EXISTS c;\nALTER TABLE app.n ADD CONSTRAINT c CHECK (a > 0);', line: 2 },
    { name: 'VALIDATE in the same transaction', sql: 'BEGIN;\nALTER TABLE app.n DROP CONSTRAINT IF EXISTS c;\nALTER TABLE app.n ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\nALTER TABLE app.n VALIDATE CONSTRAINT c;\nCOMMIT;', line: 4, severity: 'warning' },
  ],
  'lock-timeout': [
    { name: 'transaction without lock_timeout', sql: 'BEGIN;\nALTER TABLE app.n ADD COLUMN IF NOT EXISTS x int;\nCOMMIT;', line: 2, severity: 'warning' },
    { name: 'lock_timeout set after the DDL', sql: "BEGIN;\nDROP TABLE IF EXISTS app.old;\nSET LOCAL lock_timeout = '5s';\nCOMMIT;", line: 2, severity: 'warning' },
    { name: 'no statement_timeout', sql: "BEGIN;\nSET LOCAL lock_timeout = '5s';\nDROP TABLE IF EXISTS app.old;\nCOMMIT;", line: 3, severity: 'warning' },
    { name: 'implicit transaction', sql: 'DROP TABLE IF EXISTS app.old;', line: 1, severity: 'warning' },
  ],
  'no-table-rewrite': [
    { name: 'column type change', sql: 'ALTER TABLE app.n ALTER COLUMN a TYPE bigint;', line: 1, severity: 'warning' },
    { name: 'volatile default', sql: 'ALTER TABLE app.n ADD COLUMN IF NOT EXISTS token uuid DEFAULT gen_random_uuid();', line: 1, severity: 'warning' },
    { name: 'VACUUM FULL', sql: 'VACUUM FULL app.n;', line: 1, severity: 'warning' },
  ],
  destructive: [
    { name: 'DROP TABLE', sql: 'SELECT 1;\nDROP TABLE IF EXISTS app.old;', line: 2, severity: 'warning' },
    { name: 'DROP COLUMN', sql: 'ALTER TABLE app.n DROP COLUMN IF EXISTS payload;', line: 1, severity: 'warning' },
    { name: 'TRUNCATE', sql: 'TRUNCATE app.n;', line: 1, severity: 'warning' },
  ],
  'backwards-compatible': [
    { name: 'RENAME COLUMN', sql: 'SELECT 1;\nALTER TABLE public.profiles RENAME COLUMN name TO display_name;', line: 2, severity: 'warning' },
    { name: 'RENAME a table inside a DO block', sql: "DO $$ BEGIN\n  IF to_regclass('app.a') IS NOT NULL THEN\n    ALTER TABLE app.a RENAME TO b;\n  END IF;\nEND $$;", line: 3, severity: 'warning' },
    { name: 'RENAME VALUE of an enum', sql: "ALTER TYPE public.mood RENAME VALUE 'sad' TO 'glum';", line: 1, severity: 'warning' },
  ],
  'online-backfill': [
    { name: 'backfill UPDATE after ADD COLUMN in one transaction', sql: "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '15min';\nALTER TABLE IF EXISTS app.n ADD COLUMN IF NOT EXISTS k text;\nUPDATE app.n SET k = 'x' WHERE k IS NULL;\nCOMMIT;", line: 5, severity: 'warning' },
    { name: 'UPDATE without WHERE', sql: 'UPDATE app.n SET k = upper(k);', line: 1, severity: 'warning' },
    { name: 'IS NULL tests joined by AND, in a DO block', sql: "DO $$\nBEGIN\n  UPDATE app.n SET k = 'x', j = 1 WHERE k IS NULL AND j IS NULL;\nEND $$;", line: 3, severity: 'warning' },
    {
      name: 'the batched form inside BEGIN .. COMMIT',
      sql: "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '15min';\nWITH batch AS (SELECT ctid FROM app.n WHERE k IS NULL LIMIT nullif(pg_catalog.current_setting('schema.backfill_rows', true), '')::bigint FOR UPDATE),\ndone AS (UPDATE app.n SET k = ('x') WHERE ctid = ANY (ARRAY(SELECT ctid FROM batch)) AND k IS NULL RETURNING k)\nSELECT (SELECT count(*) FROM done) AS rows, (SELECT count(k) FROM done) AS filled, (SELECT max(ctid)::text FROM batch) AS last;\nCOMMIT;",
      line: 4,
      severity: 'warning',
    },
  ],
  'rollback-present': [
    { name: 'rollback with only comments', sql: '-- nothing to undo\n', line: 1, path: 'migrations/rollback_007.sql' },
  ],
};

/** Seed patterns done right (from the team's hand-written migrations): no rule may fire on them. */
export const GOOD_SQL: Record<string, string> = {
  'a batched backfill, a targeted update, and a backfill of a table the file creates': `WITH batch AS (
  SELECT ctid FROM app.n
   WHERE k IS NULL
     AND ctid >= coalesce(nullif(pg_catalog.current_setting('schema.backfill_from', true), ''), '(0,0)')::tid
     AND ctid < coalesce(nullif(pg_catalog.current_setting('schema.backfill_to', true), ''), '(4294967295,0)')::tid
   LIMIT nullif(pg_catalog.current_setting('schema.backfill_rows', true), '')::bigint
   FOR UPDATE),
done AS (
  UPDATE app.n SET k = ('x')
   WHERE ctid = ANY (ARRAY(SELECT ctid FROM batch)) AND k IS NULL
  RETURNING k)
SELECT (SELECT count(*) FROM done) AS rows, (SELECT count(k) FROM done) AS filled, (SELECT max(ctid)::text FROM batch) AS last;
UPDATE app.n SET k = 'y' WHERE id = 5;
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
CREATE TABLE IF NOT EXISTS app.fresh (id uuid PRIMARY KEY, k text);
UPDATE app.fresh SET k = 'z' WHERE k IS NULL;
COMMIT;`,
  'guarded enum DO block': `DO $$ BEGIN
    CREATE TYPE notification_kind AS ENUM ('system', 'partner_request', 'reminder');
EXCEPTION
    WHEN duplicate_object THEN NULL;
END $$;`,
  'enum under an IF NOT EXISTS guard': `DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'mood') THEN
    CREATE TYPE mood AS ENUM ('happy', 'sad');
  END IF;
END
$$;`,
  'ADD COLUMN IF NOT EXISTS with a default': `BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS is_read BOOLEAN DEFAULT FALSE;
COMMIT;`,
  'update_updated_at_column()': `CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ language 'plpgsql';`,
  'RLS + auth.uid() policies': `BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
CREATE TABLE IF NOT EXISTS public.notifications (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    recipient_user_id UUID NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
    payload JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);
CREATE INDEX IF NOT EXISTS idx_notifications_recipient ON public.notifications (recipient_user_id);
ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS "Users can view own notifications" ON public.notifications;
CREATE POLICY "Users can view own notifications" ON public.notifications
    FOR SELECT USING (auth.uid() = recipient_user_id);
DROP TRIGGER IF EXISTS update_notifications_updated_at ON public.notifications;
CREATE TRIGGER update_notifications_updated_at BEFORE UPDATE ON public.notifications
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
GRANT SELECT, UPDATE ON public.notifications TO authenticated;
COMMIT;`,
  'SET LOCAL inside a transaction, xact advisory lock': `BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
SELECT pg_advisory_xact_lock(42);
SELECT set_config('app.mode', 'migrate', true);
COMMIT;`,
  'safe NOT NULL pattern and FK NOT VALID': `BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS kind text;
COMMIT;
WITH batch AS (
  SELECT ctid FROM notifications
   WHERE kind IS NULL
     AND ctid >= coalesce(nullif(pg_catalog.current_setting('schema.backfill_from', true), ''), '(0,0)')::tid
     AND ctid < coalesce(nullif(pg_catalog.current_setting('schema.backfill_to', true), ''), '(4294967295,0)')::tid
   LIMIT nullif(pg_catalog.current_setting('schema.backfill_rows', true), '')::bigint
   FOR UPDATE),
done AS (
  UPDATE notifications SET kind = ('system')
   WHERE ctid = ANY (ARRAY(SELECT ctid FROM batch)) AND kind IS NULL
  RETURNING kind)
SELECT (SELECT count(*) FROM done) AS rows, (SELECT count(kind) FROM done) AS filled, (SELECT max(ctid)::text FROM batch) AS last;
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_not_null;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_not_null CHECK (kind IS NOT NULL) NOT VALID;
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_owner_fk;
ALTER TABLE notifications ADD CONSTRAINT notifications_owner_fk FOREIGN KEY (owner_id) REFERENCES auth.users (id) ON DELETE SET NULL NOT VALID;
COMMIT;
BEGIN;
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_kind_not_null;
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_owner_fk;
ALTER TABLE notifications ALTER COLUMN kind SET NOT NULL;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS notifications_kind_idx ON notifications (kind);`,
};
