/** `schema pull` names every feature the spec cannot express, on stderr, and still succeeds. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusSql, loadCorpus } from '../catalog/helpers.js';
import { pullDatabase } from '../../src/pull/index.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase } from '../helpers/db.js';

describe('schema pull: features the spec does not manage', () => {
  it('warns once per object and feature, exit 0, and writes the rest', async () => {
    const t = await freshDatabase('pullwarn');
    const cwd = mkdtempSync(join(tmpdir(), 'schema-pullwarn-'));
    try {
      await loadCorpus(t.db, 'every-kind.sql', true);
      await t.db.exec(`CREATE RULE no_delete AS ON DELETE TO public.scratch DO INSTEAD NOTHING;
        CREATE AGGREGATE public.total(integer) (SFUNC = int4pl, STYPE = integer);
        CREATE STATISTICS public.base_stats (dependencies) ON id, label FROM public.base_items;
        CREATE CONSTRAINT TRIGGER tickets_check AFTER INSERT ON public.tickets DEFERRABLE FOR EACH ROW EXECUTE FUNCTION public.tickets_stamp();
        ALTER TABLE public.accounts ENABLE ALWAYS TRIGGER accounts_touch;
        ALTER TABLE public.base_items ALTER COLUMN label SET STORAGE EXTERNAL, ALTER COLUMN id SET STATISTICS 500;
        -- numeric's own storage is MAIN: EXTENDED differs from it.
        ALTER TABLE public.base_items ADD COLUMN amount numeric, ALTER COLUMN amount SET STORAGE EXTENDED;`);
      const result = await runCli(['pull', '--db', t.url, '--out', 'schema'], { cwd });
      expect(result.stderr).not.toMatch(/unexpected error|at .*\.js:\d+/);
      expect(result.code).toBe(0);
      const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning: '));
      const named = warnings.map((line) => line.replace(/ is not managed by the spec.*$/, ''));
      expect(named).toEqual([
        'warning: aggregate public.total(integer): the function',
        'warning: rule no_delete on public.scratch: CREATE RULE',
        'warning: statistics public.base_stats: CREATE STATISTICS',
        'warning: table public.base_items: column amount STORAGE EXTENDED',
        'warning: table public.base_items: column id STATISTICS 500',
        'warning: table public.base_items: column label STORAGE EXTERNAL',
        'warning: table public.scratch: UNLOGGED',
        'warning: table public.special_items: INHERITS (public.base_items)',
        'warning: table public.special_items: column amount STORAGE EXTENDED',
        'warning: table public.special_items: column id STATISTICS 500',
        'warning: table public.special_items: column label STORAGE EXTERNAL',
        'warning: trigger accounts_touch on public.accounts: ENABLE ALWAYS',
      ]);
      // A constraint trigger is the spec's own (`constraint:`).
      expect(readFileSync(join(cwd, 'schema', 'tables', 'public.tickets.yaml'), 'utf8')).toMatch(/tickets_check:[\s\S]*constraint: deferrable/);
      // The rest is written as usual; a table's storage parameters and column privileges are the spec's own.
      expect(readFileSync(join(cwd, 'schema', 'tables', 'public.scratch.yaml'), 'utf8')).toContain('scratch:');
      const base = readFileSync(join(cwd, 'schema', 'tables', 'public.base_items.yaml'), 'utf8');
      expect(base).toMatch(/with: \{ fillfactor: 70 \}/);
      expect(base).toMatch(/grants: \{ authenticated: \[ ?\{ select: \[ ?id, label ?\] \} ?\] \}/);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      await t.drop();
    }
  });

  it('has nothing to say about schemas the spec fully expresses', async () => {
    for (const files of [['every-kind.sql', 'spec-extras.sql'], ['supabase-app.sql'], ['supabase-extensions.sql'], ['awkward-names.sql'], ['legacy.sql']]) {
      const t = await freshDatabase('pullwarn');
      try {
        await loadCorpus(t.db, files[0]!);
        for (const file of files.slice(1)) await t.db.exec(corpusSql(file));
        const { unmanaged } = await pullDatabase(t.db);
        expect(unmanaged, files.join(' + ')).toEqual([]);
      } finally {
        await t.drop();
      }
    }
  });
});
