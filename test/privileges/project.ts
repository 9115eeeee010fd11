/** A throwaway project (schema/ + generated-migrations/) planned and applied onto its own Supabase-shaped database. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { connect } from '../../src/db/index.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

export interface Project {
  readonly dir: string;
  readonly target: TestDatabase;
  write(yaml: string): void;
  cli(args: string[]): Promise<CliResult>;
  /** plan + apply, then the re-plan must be empty; returns the plan's stdout. */
  planAndApply(name: string): Promise<string>;
  /** SQL as `role`, in a transaction of its own on a connection of its own. */
  as(role: string, sql: string): Promise<void>;
  drop(): Promise<void>;
}

export async function newProject(prefix: string): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), `schema-${prefix}-`));
  mkdirSync(join(dir, 'schema'));
  const target = await freshDatabase(prefix);
  await target.db.exec(supabasePresetSql());
  const cli = (args: string[]): Promise<CliResult> => runCli(args, { cwd: dir, env: { DATABASE_URL: target.url } });
  return {
    dir,
    target,
    write: (yaml) => writeFileSync(join(dir, 'schema', 'app.yaml'), yaml),
    cli,
    async planAndApply(name) {
      const plan = await cli(['plan', '--name', name]);
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      const apply = await cli(['apply']);
      expect(apply.code, apply.stdout + apply.stderr).toBe(0);
      const again = await cli(['plan']);
      expect(again.stdout + again.stderr).toContain('No changes');
      return plan.stdout;
    },
    async as(role, sql) {
      const db = connect(target.url, { max: 1 });
      try {
        await db.exec(`BEGIN; SET LOCAL ROLE ${role}; ${sql}; COMMIT`);
      } finally {
        await db.close();
      }
    },
    async drop() {
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
