/**
 * The scenario suite: every directory under test/scenarios/ is a sequence of YAML states with seed
 * rows and expectations (README.md beside this file). Each runs through the built CLI against its
 * own real database: plan (exit code, hazards, messages), apply, data checks, lint, re-plan empty,
 * and on request rollback and re-apply. `SCENARIO=name[,name]` runs only those.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';
import { loadScenarios, type DataCheck, type Scenario, type Step } from './load.js';

const scenarios = loadScenarios(import.meta.dirname, process.env['SCENARIO']);

const migrationFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
};

const shown = (r: CliResult): string => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

for (const scenario of scenarios) {
  describe.sequential(`scenario ${scenario.name}`, () => {
    let work: string;
    let target: TestDatabase;
    const migrations = (): string => join(work, 'generated-migrations');
    const cli = (args: readonly string[]): Promise<CliResult> => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), `scenario-${scenario.name}-`));
      if (scenario.config) writeFileSync(join(work, 'schema.config.yaml'), `${scenario.config}\n`);
      target = await freshDatabase('scn');
      if (scenario.platform === 'supabase') await target.db.exec(supabasePresetSql());
    });

    afterAll(async () => {
      await target?.drop();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    const runChecks = async (label: string, list: readonly DataCheck[]): Promise<void> => {
      for (const check of list) {
        const rows = check.as === undefined ? await target.db.query(check.sql) : await asRole(check.as, check.sql);
        expect(JSON.parse(JSON.stringify(rows)), `${label}${check.as ? ` as ${check.as}` : ''}: ${check.sql}`).toEqual(check.rows);
      }
    };

    /** `sql` run as `role` in a transaction that is then rolled back; its rows, or the server's error as `{ error }`. */
    const asRole = async (role: string, sql: string): Promise<unknown[]> => {
      const undo = new Error('roll back');
      let rows: unknown[] = [];
      await target.db
        .transaction(async (tx) => {
          await tx.exec(`SET LOCAL ROLE ${role}`);
          rows = await tx.query(sql).catch((error: Error) => [{ error: error.message }]);
          throw undo;
        })
        .catch((error: unknown) => {
          if (error !== undo) throw error;
        });
      return rows;
    };

    for (const step of scenario.steps) {
      // A step runs up to seven CLI commands; on a loaded machine that is more than the default 60 s.
      it(step.name, async () => {
        await runStep(scenario, step);
      }, 300_000);
    }

    const dataCheck = async (e: Step['expect'], which: 'dataCheck' | 'rollbackDataCheck' = 'dataCheck'): Promise<void> => {
      const want = e[which];
      if (!want) return;
      const check = await cli(['check', '--data']);
      expect(check.code, shown(check)).toBe(want.exit);
      for (const text of want.stdout) expect(check.stdout, shown(check)).toContain(text);
    };

    async function runStep(_scenario: Scenario, step: Step): Promise<void> {
      const e = step.expect;
      rmSync(join(work, 'schema'), { recursive: true, force: true });
      cpSync(step.schemaDir, join(work, 'schema'), { recursive: true });
      if (step.before) await target.db.exec(step.before);
      const filesBefore = migrationFiles(migrations());

      const plan = await cli(['plan', '--format', 'json', '--name', step.name, ...e.args]);
      expect(plan.stderr, 'no stack trace').not.toMatch(/\n\s+at .*\.[cm]?js:\d+/);
      expect(plan.code, shown(plan)).toBe(e.exit);
      for (const text of e.stderr) expect(plan.stderr, shown(plan)).toContain(text);
      for (const text of e.stdout) expect(plan.stdout, shown(plan)).toContain(text);

      if (e.exit !== 0) {
        expect(migrationFiles(migrations()), 'a refused plan writes nothing').toEqual(filesBefore);
        await runChecks('after the refused plan', e.checks);
        await dataCheck(e);
        return;
      }
      const report = JSON.parse(plan.stdout) as { status: string; version?: number; hazards: string[] };
      if (!e.changes) {
        expect(report.status, shown(plan)).toBe('no-changes');
        await runChecks('with no changes', e.checks);
        await dataCheck(e);
        return;
      }
      expect(report.status, shown(plan)).toBe('written');
      if (e.hazards) expect([...report.hazards].sort()).toEqual(e.hazards);
      const version = String(report.version).padStart(3, '0');

      const lint = await cli(['lint', 'generated-migrations']);
      expect(lint.code, shown(lint)).toBe(0);

      const apply = await cli(['apply']);
      expect(apply.code, shown(apply)).toBe(0);
      await runChecks('after apply', e.checks);
      await dataCheck(e);
      const replan = await cli(['plan', '--dry-run']);
      expect(replan.code, shown(replan)).toBe(0);
      expect(replan.stdout, shown(replan)).toContain('No changes');

      if (!e.rollback) return;
      const back = await cli(['apply', '--rollback', version]);
      expect(back.code, shown(back)).toBe(0);
      await runChecks('after rollback', e.rollbackChecks);
      await dataCheck(e, 'rollbackDataCheck');
      const again = await cli(['apply']);
      expect(again.code, shown(again)).toBe(0);
      await runChecks('after re-apply', e.checks);
      const replanAgain = await cli(['plan', '--dry-run']);
      expect(replanAgain.stdout, shown(replanAgain)).toContain('No changes');
    }
  });
}
