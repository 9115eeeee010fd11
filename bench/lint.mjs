// `schema lint` on a directory of 500 realistic migration files (250 migrations, each with its rollback):
// the whole CLI process must finish in < 2 s.
// Run after `npm run build`: node bench/lint.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FILES = Number(process.env.BENCH_LINT_FILES ?? 500);
const COUNT = Math.ceil(FILES / 2);
const LIMIT_MS = 2000;
const bin = new URL('../bin/schema.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'schema-bench-lint-'));
const pad = (n) => String(n).padStart(3, '0');
const header = "BEGIN;\nSET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '15min';\n";

/** One of a few shapes the team's migrations take, varied by n: tables, enums, columns, policies, indexes. */
function forward(n) {
  const t = `table_${n}`;
  switch (n % 4) {
    case 0:
      return `-- ${n}: create ${t}\n${header}DO $$ BEGIN\n  CREATE TYPE public.${t}_status AS ENUM ('new', 'active', 'archived');\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND $$;
CREATE TABLE IF NOT EXISTS public.${t} (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  status public.${t}_status NOT NULL DEFAULT 'new',
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  title text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ${t}_user_idx ON public.${t} (user_id, created_at);
ALTER TABLE public.${t} ENABLE ROW LEVEL SECURITY;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = '${t}' AND policyname = '${t}_own') THEN
    CREATE POLICY ${t}_own ON public.${t} FOR ALL TO authenticated USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);
  END IF;
END $$;
DROP TRIGGER IF EXISTS update_${t}_updated_at ON public.${t};
CREATE TRIGGER update_${t}_updated_at BEFORE UPDATE ON public.${t} FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
GRANT SELECT, INSERT, UPDATE, DELETE ON public.${t} TO authenticated;
COMMIT;\n`;
    case 1:
      return `-- ${n}: columns\n${header}ALTER TABLE public.table_${n - 1} ADD COLUMN IF NOT EXISTS is_read BOOLEAN DEFAULT FALSE;
ALTER TABLE public.table_${n - 1} ADD COLUMN IF NOT EXISTS seen_at timestamp;
ALTER TABLE public.table_${n - 1} ADD COLUMN IF NOT EXISTS note text;
COMMENT ON COLUMN public.table_${n - 1}.note IS 'free text, ünïcödé';
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS table_${n - 1}_unread_idx ON public.table_${n - 1} (user_id) WHERE NOT is_read;\n`;
    case 2:
      return `-- ${n}: legacy style\nCREATE TABLE public.legacy_${n} (id serial PRIMARY KEY, owner uuid REFERENCES auth.users (id), data jsonb, at timestamp);
CREATE TYPE legacy_${n}_kind AS ENUM ('a', 'b');
SET search_path = public;
CREATE INDEX legacy_${n}_owner ON public.table_${n - 2} (user_id);
ALTER TABLE public.table_${n - 2} ADD COLUMN flag boolean NOT NULL;\n`;
    default:
      return `-- ${n}: function and enum value\nCREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END
$$;
ALTER TYPE public.table_${n - 3}_status ADD VALUE IF NOT EXISTS 'deleted';
${header}ALTER TABLE public.table_${n - 3} DROP CONSTRAINT IF EXISTS table_${n - 3}_title_check;
ALTER TABLE public.table_${n - 3} ADD CONSTRAINT table_${n - 3}_title_check CHECK (length(title) < 500) NOT VALID;
COMMIT;
${header}ALTER TABLE public.table_${n - 3} VALIDATE CONSTRAINT table_${n - 3}_title_check;
COMMIT;\n`;
  }
}

const rollback = (n) => `${header}DROP TABLE IF EXISTS public.table_${n};\nCOMMIT;\n`;

for (let n = 1; n <= COUNT; n++) {
  writeFileSync(join(dir, `${pad(n)}_migration_${n}.sql`), forward(n));
  writeFileSync(join(dir, `rollback_${pad(n)}.sql`), rollback(n));
}

const started = process.hrtime.bigint();
const result = spawnSync(process.execPath, [bin, 'lint', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });

let summary;
try {
  summary = JSON.parse(result.stdout).summary;
} catch {
  process.stderr.write(`lint did not produce JSON (exit ${result.status}):\n${result.stderr.slice(0, 2000)}\n`);
  process.exit(1);
}
const ok = ms < LIMIT_MS && result.status === 1 && summary.files === COUNT * 2;
process.stdout.write(
  `lint: ${summary.files} files (${COUNT} migrations + rollbacks) in ${ms.toFixed(0)} ms, whole CLI process ` +
    `(${(ms / summary.files).toFixed(2)} ms/file; ${summary.errors} errors, ${summary.warnings} warnings found); limit ${LIMIT_MS} ms: ${ok ? 'ok' : 'FAILED'}\n`,
);
process.exitCode = ok ? 0 : 1;
