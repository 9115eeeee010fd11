import { resolve } from 'node:path';
import type { CommandRegistrar } from '../context.js';
import { resolveTarget } from '../target.js';
import { readStatus, renderDrift } from '../../apply/run-status.js';
import { rollbackStateLines } from '../../apply/preflight.js';
import { driftSummary } from '../../planner/drift-summary.js';
import { pad } from '../../migrations/index.js';
import { InputError, OperationError } from '../../util/findings.js';
import { checkArtifacts } from './check-artifacts.js';
import { checkData } from './check-data.js';
import { loadValidSpec } from '../../generate/artifacts.js';
import { displayDir } from './validate.js';

/**
 * `schema check`: exit 1 when the database differs from the YAML or from the applied migration files.
 * `--models DIR` / `--types FILE` also check generated code against the YAML, with no database:
 * given alone they check only that; with `--db` both.
 */
export const registerCheck: CommandRegistrar = (program, ctx, setExit) => {
  program
    .command('check')
    .description('exit 1 when the database differs from the YAML or an applied migration file changed (for CI and cron)')
    .option('--db <url>', 'database URL (default: DATABASE_URL, config db, else the embedded database)')
    .option('--schema <dir>', 'YAML spec directory')
    .option('--migrations <dir>', 'migrations directory')
    .option('--models <dir>', 'also check that the SQLAlchemy package generated there matches the YAML (no database needed)')
    .option('--data', 'also count the rows of each shaped json/jsonb column that do not match its shape (read in batches)')
    .option('--types <file>', 'also check that the supabase-js types generated there match the YAML (no database needed)')
    .action(async (flags: Record<string, unknown>) => {
      const config = await ctx.config();
      const schemaDir = (flags['schema'] as string | undefined) ?? config.schema;
      const targets = [
        ...(flags['models'] !== undefined ? [['sqlalchemy', flags['models'] as string] as const] : []),
        ...(flags['types'] !== undefined ? [['typescript', flags['types'] as string] as const] : []),
      ];
      const artifacts = targets.length > 0 ? await checkArtifacts(ctx, schemaDir, targets) : undefined;
      if (artifacts && flags['db'] === undefined && !flags['data']) {
        ctx.output.out([...artifacts.lines, artifacts.stale ? 'check: FAILED (generated code is stale)' : 'check: ok (generated code is up to date)'].join('\n'));
        setExit(artifacts.stale ? 1 : 0);
        return;
      }
      const choice = await resolveTarget(ctx, flags['db'] as string | undefined);
      const report = await readStatus({
        dbUrl: choice.url,
        migrationsDir: resolve(ctx.cwd, (flags['migrations'] as string | undefined) ?? config.migrations),
      });
      const problems: string[] = [];
      for (const m of report.migrations) {
        if (m.state === 'modified') problems.push(`${m.file}: applied, but the file changed since (checksum differs)`);
        if (m.state === 'missing') problems.push(`${m.name}: applied (version ${pad(m.version)}), but the file is gone`);
      }
      problems.push(...rollbackStateLines(report.migrations));
      const pending = report.migrations.filter((m) => m.state === 'pending' || m.state === 'out of order');
      const drift = await driftSummary({
        cwd: ctx.cwd,
        config,
        schemaDir: resolve(ctx.cwd, (flags['schema'] as string | undefined) ?? config.schema),
        dbUrl: choice.url,
        embedded: choice.embedded,
      }).catch((error: unknown) => {
        // Bad YAML stays an input error (exit 2); anything else means drift is unknown: fail (exit 1).
        if (error instanceof InputError || error instanceof OperationError) throw error;
        throw new OperationError(`check: could not compare the database with the YAML: ${error instanceof Error ? error.message : String(error)}`);
      });
      const data = flags['data']
        ? await checkData(ctx, await loadValidSpec(displayDir(ctx.cwd, schemaDir), config), choice.url, config.statement_timeout)
        : undefined;
      const lines: string[] = [...(artifacts?.lines ?? []), ...(data?.lines ?? [])];
      if (problems.length) lines.push(`migrations: ${problems.length} applied file${problems.length === 1 ? ' differs' : 's differ'} from history`, ...problems.map((p) => `  ${p}`));
      else lines.push('migrations: applied files match history');
      if (pending.length) lines.push(`  (${pending.length} not applied yet: ${pending.map((m) => m.name).join(', ')})`);
      lines.push(renderDrift(drift));
      const failed = problems.length > 0 || drift.state === 'drift' || Boolean(artifacts?.stale) || Boolean(data?.failing);
      const verdict =
        drift.state === 'drift'
          ? 'check: FAILED (the database is out of sync)'
          : problems.length > 0
            ? 'check: FAILED (migration files differ from what was applied)'
            : undefined;
      lines.push(verdict ?? (artifacts?.stale ? 'check: FAILED (generated code is stale)' : data?.failing ? 'check: FAILED (rows do not match their JSONB shapes)' : 'check: ok (in sync)'));
      ctx.output.out(lines.join('\n'));
      setExit(failed ? 1 : 0);
    });
};
