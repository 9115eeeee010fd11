import { resolve } from 'node:path';
import { Option } from 'commander';
import type { CommandRegistrar } from '../context.js';
import { resolveTarget } from '../target.js';
import { readStatus, renderStatusText, statusJson } from '../../apply/run-status.js';
import { driftSummaryOrUnknown } from '../../planner/drift-summary.js';

/** `schema status`: every migration (applied, pending, modified, missing, out of order) and drift. */
export const registerStatus: CommandRegistrar = (program, ctx, setExit) => {
  program
    .command('status')
    .description('list every migration with its state, and whether the database still matches the YAML')
    .option('--db <url>', 'database URL (default: DATABASE_URL, config db, else the embedded database)')
    .option('--migrations <dir>', 'migrations directory')
    .option('--schema <dir>', 'YAML spec directory (for the drift summary)')
    .option('--no-drift', 'skip the drift summary')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: Record<string, unknown>) => {
      const config = await ctx.config();
      const choice = await resolveTarget(ctx, flags['db'] as string | undefined);
      const report = await readStatus({
        dbUrl: choice.url,
        migrationsDir: resolve(ctx.cwd, (flags['migrations'] as string | undefined) ?? config.migrations),
      });
      const drift =
        flags['drift'] === false
          ? undefined
          : await driftSummaryOrUnknown({
              cwd: ctx.cwd,
              config,
              schemaDir: resolve(ctx.cwd, (flags['schema'] as string | undefined) ?? config.schema),
              dbUrl: choice.url,
              embedded: choice.embedded,
            });
      ctx.output.out(flags['format'] === 'json' ? statusJson(report, drift) : renderStatusText(report, drift));
      setExit(0);
    });
};
