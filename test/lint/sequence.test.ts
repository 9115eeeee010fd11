/**
 * `schema lint DIR` reads a migrations directory as the sequence it is: a GRANT on a table whose RLS
 * an earlier file enabled is fine; a GRANT to an API role on a view asks for security_invoker (a view
 * has no RLS to enable), and a view that has it is fine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let dir: string;

const FILES: Record<string, string> = {
  '001_notes.sql': `CREATE TABLE IF NOT EXISTS public.notes (id uuid PRIMARY KEY, body text);
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
DO $$ BEGIN CREATE POLICY notes_read ON public.notes FOR SELECT TO authenticated USING (true); EXCEPTION WHEN duplicate_object THEN NULL; END $$;
`,
  '002_grant_notes.sql': `GRANT SELECT ON TABLE public.notes TO authenticated;
`,
  '003_views.sql': `CREATE OR REPLACE VIEW public.note_bodies AS SELECT body FROM public.notes;
GRANT SELECT ON public.note_bodies TO authenticated;
CREATE OR REPLACE VIEW public.note_ids WITH (security_invoker = true) AS SELECT id FROM public.notes;
GRANT SELECT ON public.note_ids TO authenticated;
`,
  '004_grant_view_later.sql': `GRANT SELECT ON public.note_bodies TO anon;
GRANT SELECT ON public.note_ids TO anon;
`,
  'rollback_001.sql': `DROP TABLE IF EXISTS public.notes;
`,
  'rollback_002.sql': `REVOKE SELECT ON TABLE public.notes FROM authenticated;
GRANT SELECT ON TABLE public.notes TO authenticated;
`,
  'rollback_003.sql': `DROP VIEW IF EXISTS public.note_ids;
DROP VIEW IF EXISTS public.note_bodies;
`,
  'rollback_004.sql': `REVOKE SELECT ON public.note_bodies FROM anon;
REVOKE SELECT ON public.note_ids FROM anon;
`,
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schema-lint-seq-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lint of a migrations directory', () => {
  it('sees RLS enabled by an earlier file, and asks views for security_invoker', async () => {
    const lint = await runCli(['lint', '--format', 'json', dir], { cwd: dir });
    const { findings } = JSON.parse(lint.stdout) as { findings: { file: string; line: number; col: number; code: string; message: string; fix: string }[] };
    const exposure = findings.filter((f) => f.code === 'api-exposure').map((f) => `${f.file.split('/').pop()}:${f.line}:${f.col} ${f.message} | ${f.fix}`);
    const view = (who: string) =>
      `GRANT to ${who} on view public.note_bodies, which reads its tables with its owner's rights, so their row level security does not apply | create the view WITH (security_invoker = true) (PostgreSQL 15+), or grant it to no API role`;
    expect(exposure).toEqual([`003_views.sql:2:17 ${view('authenticated')}`, `004_grant_view_later.sql:1:17 ${view('anon')}`]);
    expect(lint.code).toBe(1);
  });

  it('still refuses a grant on a table no file of the directory protects', async () => {
    writeFileSync(join(dir, '005_open.sql'), 'CREATE TABLE IF NOT EXISTS public.open (id int);\nGRANT SELECT ON public.open TO anon;\n');
    writeFileSync(join(dir, 'rollback_005.sql'), 'DROP TABLE IF EXISTS public.open;\n');
    const lint = await runCli(['lint', '--format', 'json', dir], { cwd: dir });
    const { findings } = JSON.parse(lint.stdout) as { findings: { file: string; code: string; message: string }[] };
    expect(findings.filter((f) => f.code === 'api-exposure' && f.file.endsWith('005_open.sql')).map((f) => f.message)).toEqual([
      'GRANT to anon on public.open, but neither this file nor an earlier one of its directory enables row level security on it',
    ]);
  });
});
