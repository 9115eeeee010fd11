/** (before, after) schema pairs covering every verb of the planner. Small templates, real SQL. */
import { NEXT, type RoundTripOptions } from './harness.js';

export interface Case extends RoundTripOptions {
  readonly name: string;
  readonly before: string;
  readonly after: string;
}

const BASE = `
CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE public.accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  nick varchar(10),
  age integer,
  mood public.mood NOT NULL DEFAULT 'ok',
  created_at timestamptz NOT NULL DEFAULT now()
);
`;
const ROWS = `INSERT INTO public.accounts (email, nick, age, mood) VALUES ('a@x', 'a', 1, 'sad'), ('b@x', 'b', 2, 'happy'), ('c@x', NULL, 3, 'ok');`;
const FN = `CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;`;

/** BASE plus `extra`. */
const base = (extra = ''): string => `${BASE}\n${extra}`;

export const TABLE_CASES: readonly Case[] = [
  { name: 'create a table with every part', before: '', after: `${FN}
    CREATE TABLE public.notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
      body text NOT NULL CHECK (length(body) > 0),
      slug text UNIQUE,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX notes_owner_idx ON public.notes (owner, created_at DESC) WHERE body <> '';
    CREATE TRIGGER notes_touch BEFORE UPDATE ON public.notes FOR EACH ROW EXECUTE FUNCTION public.touch();
    ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
    CREATE POLICY notes_own ON public.notes FOR SELECT TO authenticated USING (auth.uid() = owner);
    GRANT SELECT, UPDATE ON public.notes TO authenticated;
    COMMENT ON TABLE public.notes IS 'Notes';
    COMMENT ON COLUMN public.notes.body IS 'The text';` },
  { name: 'drop a table', before: base(), after: `CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');`, data: ROWS },
  { name: 'drop tables that reference each other', before: `CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a ON DELETE CASCADE); CREATE TABLE c (b_id int REFERENCES b ON DELETE SET NULL);`, after: '' },
  { name: 'create tables that reference each other', before: '', after: `CREATE TABLE c (id int PRIMARY KEY, b_id int); CREATE TABLE b (id int PRIMARY KEY, c_id int REFERENCES c ON DELETE CASCADE); ALTER TABLE c ADD CONSTRAINT c_b_fk FOREIGN KEY (b_id) REFERENCES b ON DELETE SET NULL;` },
  {
    name: 'rename a table keeps its rows',
    before: base(),
    after: base().replace('public.accounts', 'public.people'),
    data: ROWS,
    inputs: { tableRenames: { 'public.people': 'public.accounts' } },
    afterForward: async (db) => {
      const rows = await db.query('SELECT count(*)::int AS n FROM public.people');
      if (rows[0]!['n'] !== 3) throw new Error('rows lost in rename');
    },
  },
  { name: 'add a nullable column', before: base(), after: base('ALTER TABLE public.accounts ADD COLUMN bio text;'), data: ROWS },
  { name: 'add a NOT NULL column with a default', before: base(), after: base(`ALTER TABLE public.accounts ADD COLUMN active boolean NOT NULL DEFAULT true;`), data: ROWS },
  {
    name: 'add a NOT NULL column with a backfill',
    before: base(),
    after: base(`ALTER TABLE public.accounts ADD COLUMN handle text NOT NULL;`),
    data: ROWS,
    inputs: { backfills: { 'public.accounts.handle': `'user-' || email` } },
    afterForward: async (db) => {
      const rows = await db.query(`SELECT count(*)::int AS n FROM public.accounts WHERE handle = 'user-' || email`);
      if (rows[0]!['n'] !== 3) throw new Error('backfill did not run');
    },
  },
  { name: 'drop a column', before: base(), after: base('ALTER TABLE public.accounts DROP COLUMN nick;'), data: ROWS },
  {
    name: 'rename a column keeps its values',
    before: base(),
    after: base('ALTER TABLE public.accounts RENAME COLUMN nick TO nickname;'),
    data: ROWS,
    inputs: { columnRenames: { 'public.accounts.nickname': 'nick' } },
    afterForward: async (db) => {
      const rows = await db.query(`SELECT count(*)::int AS n FROM public.accounts WHERE nickname IS NOT NULL`);
      if (rows[0]!['n'] !== 2) throw new Error('values lost in column rename');
    },
  },
  { name: 'widen a column type', before: base(), after: base('ALTER TABLE public.accounts ALTER COLUMN age TYPE bigint;'), data: ROWS },
  { name: 'varchar to text and back', before: base(), after: base('ALTER TABLE public.accounts ALTER COLUMN nick TYPE text;'), data: ROWS },
  { name: 'type change with a default', before: base(`ALTER TABLE public.accounts ADD COLUMN code text DEFAULT '7';`), after: base(`ALTER TABLE public.accounts ADD COLUMN code integer DEFAULT 8;`), data: ROWS },
  { name: 'set, change and drop defaults', before: base(`ALTER TABLE public.accounts ALTER COLUMN age SET DEFAULT 1;`), after: base(`ALTER TABLE public.accounts ALTER COLUMN age SET DEFAULT 2; ALTER TABLE public.accounts ALTER COLUMN nick SET DEFAULT 'n'; ALTER TABLE public.accounts ALTER COLUMN created_at DROP DEFAULT;`) },
  { name: 'set NOT NULL on an existing column with rows', before: base(), after: base('ALTER TABLE public.accounts ALTER COLUMN age SET NOT NULL;'), data: ROWS },
  { name: 'drop NOT NULL', before: base(), after: base('ALTER TABLE public.accounts ALTER COLUMN email DROP NOT NULL;'), data: ROWS },
  { name: 'identity added, changed and removed', before: `CREATE TABLE t (a int NOT NULL, b int GENERATED ALWAYS AS IDENTITY, c int GENERATED BY DEFAULT AS IDENTITY);`, after: `CREATE TABLE t (a int GENERATED BY DEFAULT AS IDENTITY, b int GENERATED BY DEFAULT AS IDENTITY, c int NOT NULL);` },
  { name: 'generated column added and changed', before: `CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) STORED);`, after: `CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 3) STORED, c text GENERATED ALWAYS AS (a::text) STORED);`, data: `INSERT INTO t (a) VALUES (1), (2);` },
  { name: 'add a CHECK on an existing table', before: base(), after: base('ALTER TABLE public.accounts ADD CONSTRAINT accounts_age_check CHECK (age > 0);'), data: ROWS },
  { name: 'add an FK on an existing table', before: base(`CREATE TABLE public.posts (id int PRIMARY KEY, account_id uuid);`), after: base(`CREATE TABLE public.posts (id int PRIMARY KEY, account_id uuid REFERENCES public.accounts (id) ON DELETE CASCADE);`) },
  { name: 'change and drop constraints', before: base(`ALTER TABLE public.accounts ADD CONSTRAINT a_chk CHECK (age > 0); ALTER TABLE public.accounts ADD CONSTRAINT b_chk CHECK (age < 100);`), after: base(`ALTER TABLE public.accounts ADD CONSTRAINT a_chk CHECK (age >= 0);`), data: ROWS },
  { name: 'add a unique constraint and a primary key', before: `CREATE TABLE t (a int NOT NULL, b int);`, after: `CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE);`, data: `INSERT INTO t VALUES (1, 1), (2, 2);` },
  { name: 'indexes created concurrently, changed and dropped', before: base(`CREATE INDEX acc_age ON public.accounts (age); CREATE INDEX acc_nick ON public.accounts (nick) WHERE nick IS NOT NULL;`), after: base(`CREATE INDEX acc_nick ON public.accounts (nick) WHERE age > 1; CREATE UNIQUE INDEX acc_email ON public.accounts (lower(email)) INCLUDE (age); CREATE INDEX acc_created ON public.accounts USING brin (created_at);`), data: ROWS },
  { name: 'index ordering and opclasses', before: `CREATE TABLE t (a text, b int, j jsonb); CREATE INDEX t_a ON t (a);`, after: `CREATE TABLE t (a text, b int, j jsonb); CREATE INDEX t_a ON t (a text_pattern_ops, b DESC NULLS LAST); CREATE INDEX t_j ON t USING gin (j jsonb_path_ops);` },
  { name: 'narrow a varchar whose values fit', before: base(), after: base('ALTER TABLE public.accounts ALTER COLUMN nick TYPE varchar(5);'), data: ROWS },
  { name: 'unique index and unique key on an existing table without duplicates', before: base(), after: base('CREATE UNIQUE INDEX acc_nick_key ON public.accounts (nick, age) WHERE age > 0; ALTER TABLE public.accounts ADD CONSTRAINT acc_email_key UNIQUE (email);'), data: ROWS },
  { name: 'collation change', before: `CREATE TABLE t (a text);`, after: `CREATE TABLE t (a text COLLATE "C");`, data: `INSERT INTO t VALUES ('x');` },
  {
    name: 'partitioned table with partitions',
    before: '',
    after: `CREATE TABLE ev (id int NOT NULL, at date NOT NULL, note text DEFAULT 'n') PARTITION BY RANGE (at);
      CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE ev_rest PARTITION OF ev DEFAULT;
      CREATE INDEX ev_at ON ev (at);`,
  },
  {
    name: 'serial column and owned sequence',
    before: '',
    after: `CREATE TABLE t (id serial PRIMARY KEY, n bigserial); CREATE SEQUENCE s AS smallint START 5 INCREMENT 2 MAXVALUE 300 CYCLE;`,
  },
  { name: 'sequence altered and dropped', before: `CREATE SEQUENCE s1 START 10; CREATE SEQUENCE s2;`, after: `CREATE SEQUENCE s1 START 20 INCREMENT 3 CACHE 5;` },
];

export const OBJECT_CASES: readonly Case[] = [
  { name: 'create and use an enum', before: '', after: `CREATE TYPE public.st AS ENUM ('a', 'b'); CREATE TABLE t (s public.st DEFAULT 'a', ss public.st[]);` },
  {
    name: 'add enum values and use one as a default',
    before: base(),
    after: base(`ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'ok'; ALTER TYPE public.mood ADD VALUE 'great';\n${NEXT}\nALTER TABLE public.accounts ALTER COLUMN mood SET DEFAULT 'great';`),
    data: ROWS,
  },
  {
    name: 'rename an enum value',
    before: base(),
    after: base().replace(`'sad', 'ok', 'happy'`, `'unhappy', 'ok', 'happy'`),
    data: ROWS,
    inputs: { enumRemaps: { 'public.mood': { sad: 'unhappy' } } },
    afterForward: async (db) => {
      const rows = await db.query(`SELECT count(*)::int AS n FROM public.accounts WHERE mood = 'unhappy'`);
      if (rows[0]!['n'] !== 1) throw new Error('rename lost the value');
    },
  },
  {
    name: 'remove an enum value with a remap',
    before: base(`ALTER TABLE public.accounts ADD COLUMN moods public.mood[] DEFAULT '{sad}';`),
    after: base(`ALTER TABLE public.accounts ADD COLUMN moods public.mood[] DEFAULT '{ok}';`).replace(`'sad', 'ok', 'happy'`, `'ok', 'happy'`),
    data: `${ROWS} UPDATE public.accounts SET moods = '{sad,happy}';`,
    inputs: { enumRemaps: { 'public.mood': { sad: 'ok' } } },
    afterForward: async (db) => {
      const rows = await db.query(`SELECT count(*)::int AS n FROM public.accounts WHERE mood = 'ok' AND moods = '{ok,happy}'`);
      if (rows[0]!['n'] !== 2) throw new Error('remap did not move the rows');
    },
  },
  { name: 'reorder enum values', before: base(), after: base().replace(`'sad', 'ok', 'happy'`, `'happy', 'ok', 'sad'`), data: ROWS },
  { name: 'drop an enum', before: `CREATE TYPE public.gone AS ENUM ('x'); CREATE TABLE t (a public.gone);`, after: `CREATE TABLE t (b int);` },
  {
    name: 'create, replace and drop functions',
    before: `CREATE FUNCTION f1(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$; CREATE FUNCTION f2() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$;`,
    after: `CREATE FUNCTION f1(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + 1 $$; CREATE FUNCTION f3(n numeric DEFAULT 2) RETURNS numeric LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$ BEGIN RETURN n * 2; END $$; CREATE PROCEDURE p(x int) LANGUAGE sql AS $$ SELECT x $$;`,
  },
  {
    name: 'function return type change drops and recreates it',
    before: `CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$; CREATE TABLE t (a int);`,
    after: `CREATE FUNCTION g() RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$; CREATE TABLE t (a int);`,
  },
  { name: 'function used by a column default and a check', before: '', after: `CREATE FUNCTION code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' $$; CREATE FUNCTION ok(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t <> '' $$; CREATE TABLE t (c text DEFAULT public.code() CHECK (public.ok(c)));` },
  { name: 'sql function reading a table', before: '', after: `CREATE TABLE t (a int); CREATE FUNCTION total() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(a) FROM public.t $$;` },
  {
    name: 'triggers created, changed and dropped',
    before: base(`${FN} CREATE TRIGGER t1 BEFORE INSERT ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.touch(); CREATE TRIGGER t2 BEFORE UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION public.touch();`),
    after: base(`${FN} CREATE TRIGGER t1 BEFORE INSERT OR UPDATE OF email, nick ON public.accounts FOR EACH ROW WHEN (NEW.age > 0) EXECUTE FUNCTION public.touch('x', 'y z'); CREATE TRIGGER t3 AFTER DELETE ON public.accounts FOR EACH STATEMENT EXECUTE FUNCTION public.touch(); ALTER TABLE public.accounts DISABLE TRIGGER t3;`),
  },
  {
    name: 'trigger on auth.users owned by the spec',
    before: `CREATE TABLE public.profiles (id uuid PRIMARY KEY);`,
    after: `CREATE TABLE public.profiles (id uuid PRIMARY KEY);
      CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN INSERT INTO public.profiles (id) VALUES (NEW.id); RETURN NEW; END $$;
      CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();`,
  },
  { name: 'RLS enabled and forced', before: base(), after: base('ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY; ALTER TABLE public.accounts FORCE ROW LEVEL SECURITY;') },
  { name: 'RLS disabled', before: base('ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;'), after: base() },
  {
    name: 'policies created, altered, recreated and dropped',
    before: base(`ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;
      CREATE POLICY p_sel ON public.accounts FOR SELECT TO anon USING (true);
      CREATE POLICY p_upd ON public.accounts FOR UPDATE USING (age > 0);
      CREATE POLICY p_del ON public.accounts FOR DELETE USING (false);`),
    after: base(`ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;
      CREATE POLICY p_sel ON public.accounts FOR SELECT TO anon, authenticated USING (age > 1);
      CREATE POLICY p_upd ON public.accounts AS RESTRICTIVE FOR ALL TO service_role USING (age > 0) WITH CHECK (age < 200);
      CREATE POLICY p_ins ON public.accounts FOR INSERT TO authenticated WITH CHECK (auth.uid() IS NOT NULL);`),
  },
  {
    name: 'grants and revokes by privilege, other roles untouched',
    before: base(`GRANT SELECT, INSERT ON public.accounts TO anon; GRANT ALL ON public.accounts TO service_role;
      DO $$ BEGIN CREATE ROLE plan_other_role; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
      GRANT SELECT ON public.accounts TO plan_other_role;`),
    after: base(`GRANT SELECT ON public.accounts TO anon; GRANT SELECT, UPDATE ON public.accounts TO authenticated; GRANT SELECT ON public.accounts TO service_role;`),
  },
  {
    name: 'comments set, changed and removed',
    before: base(`${FN} COMMENT ON TABLE public.accounts IS 'old'; COMMENT ON COLUMN public.accounts.email IS 'e'; COMMENT ON TYPE public.mood IS 'm'; CREATE INDEX i ON public.accounts (age); COMMENT ON INDEX public.i IS 'i';`),
    after: base(`${FN} COMMENT ON TABLE public.accounts IS 'new ''quoted'''; COMMENT ON COLUMN public.accounts.nick IS 'n'; COMMENT ON FUNCTION public.touch() IS 'f'; CREATE INDEX i ON public.accounts (age); COMMENT ON CONSTRAINT accounts_pkey ON public.accounts IS 'pk'; COMMENT ON SCHEMA public IS 'the app';`),
  },
  {
    name: 'a second managed schema created and dropped',
    before: `CREATE SCHEMA old_app; CREATE TABLE old_app.x (a int);`,
    after: `CREATE SCHEMA app; COMMENT ON SCHEMA app IS 'App'; CREATE TYPE app.k AS ENUM ('a'); CREATE TABLE app.t (k app.k, id int PRIMARY KEY); CREATE TABLE public.r (t_id int REFERENCES app.t ON DELETE CASCADE);`,
    inputs: { managedSchemas: ['app', 'old_app', 'public'] },
  },
  { name: 'extension created and dropped', before: `CREATE EXTENSION hstore;`, after: `CREATE EXTENSION citext; CREATE TABLE t (e citext);`, inputs: { extensions: ['citext', 'hstore'] } },
  {
    name: 'views created, replaced (appended column) and recreated with a dependant',
    before: base(`CREATE VIEW v1 AS SELECT id, email FROM public.accounts; CREATE VIEW v2 AS SELECT id, email, age FROM public.accounts; CREATE VIEW v3 AS SELECT email FROM public.v2; CREATE VIEW gone AS SELECT 1 AS one;`),
    after: base(`CREATE VIEW v1 AS SELECT id, email, nick FROM public.accounts; CREATE VIEW v2 WITH (security_invoker = true) AS SELECT id, email FROM public.accounts; CREATE VIEW v3 AS SELECT email FROM public.v2; CREATE VIEW v4 AS SELECT count(*) AS n FROM public.v1; GRANT SELECT ON v4 TO anon; COMMENT ON VIEW v4 IS 'count';`),
  },
  { name: 'materialized view with an index', before: base(), after: base(`CREATE MATERIALIZED VIEW mv AS SELECT mood, count(*) AS n FROM public.accounts GROUP BY mood; CREATE UNIQUE INDEX mv_mood ON mv (mood);`), data: ROWS },
  {
    name: 'domains created, altered and dropped',
    before: `CREATE DOMAIN d1 AS int CHECK (VALUE > 0); CREATE DOMAIN d2 AS text; CREATE DOMAIN d3 AS int; CREATE TABLE t (a d1);`,
    after: `CREATE DOMAIN d1 AS int NOT NULL DEFAULT 5 CONSTRAINT d1_small CHECK (VALUE < 1000); CREATE DOMAIN d3 AS bigint; CREATE DOMAIN d4 AS varchar(5) CHECK (VALUE <> ''); CREATE TABLE t (a d1, b d4);`,
  },
  {
    name: 'awkward names everywhere',
    before: `CREATE TABLE "User Data" ("Select" int, "a""b" text);`,
    after: `CREATE TYPE "Mood ""M""" AS ENUM ('it''s', 'Ünï');
      CREATE TABLE "User Data" ("Select" bigint NOT NULL DEFAULT 0, "a""b" text, "order" "Mood ""M""" DEFAULT 'it''s', "naïve" text CONSTRAINT "naïve check" CHECK ("naïve" <> ''));
      CREATE INDEX "User Index" ON "User Data" ("a""b", "order");
      ALTER TABLE "User Data" ENABLE ROW LEVEL SECURITY;
      CREATE POLICY "Users ""can"" read" ON "User Data" FOR SELECT TO authenticated USING ("Select" > 0);
      CREATE FUNCTION "Touch Me"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER "When ""X""" BEFORE INSERT ON "User Data" FOR EACH ROW EXECUTE FUNCTION "Touch Me"();
      COMMENT ON COLUMN "User Data"."a""b" IS 'q''s';`,
  },
  {
    name: 'type change of a column that a policy uses',
    before: base(`ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY; CREATE POLICY adults ON public.accounts FOR SELECT TO authenticated USING (age > 17); COMMENT ON POLICY adults ON public.accounts IS 'Adults only';`),
    after: base(`ALTER TABLE public.accounts ALTER COLUMN age TYPE bigint; ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY; CREATE POLICY adults ON public.accounts FOR SELECT TO authenticated USING (age > 17); COMMENT ON POLICY adults ON public.accounts IS 'Adults only';`),
    data: ROWS,
  },
  {
    name: 'enum replaced under a policy that uses its column',
    before: base(`ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY; CREATE POLICY cheerful ON public.accounts FOR SELECT USING (mood <> 'sad');`),
    after: base(`ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY; CREATE POLICY cheerful ON public.accounts FOR SELECT USING (mood <> 'sad');`).replace(`'sad', 'ok', 'happy'`, `'happy', 'sad', 'ok'`),
    data: ROWS,
  },
  {
    name: 'type change of a column that views read',
    before: base(`CREATE VIEW v AS SELECT id, age FROM public.accounts; CREATE VIEW w AS SELECT age FROM public.v; GRANT SELECT ON v TO anon; COMMENT ON VIEW w IS 'w';`),
    after: base(`ALTER TABLE public.accounts ALTER COLUMN age TYPE numeric; CREATE VIEW v AS SELECT id, age FROM public.accounts; CREATE VIEW w AS SELECT age FROM public.v; GRANT SELECT ON v TO anon; COMMENT ON VIEW w IS 'w';`),
    data: ROWS,
  },
];
