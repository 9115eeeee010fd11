import { resolve } from 'node:path';
import { Option } from 'commander';
import type { CommandRegistrar } from '../context.js';
import { resolveTarget } from '../target.js';
import { InputError } from '../../util/findings.js';
import { runPlan } from '../../planner/run-plan.js';
import { renderJson, renderMarkdown, renderText } from '../../planner/report.js';

/** `--sample-rows N`: a whole number, 0 or more. */
function sampleRows(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InputError(`--sample-rows must be a whole number of rows, 0 or more, not "${value}"`);
  return Number(value.trim());
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `schema plan`: diff the YAML against the database and write a verified migration pair. */
export const registerPlan: CommandRegistrar = (program, ctx, setExit) => {
  program
    .command('plan')
    .description('diff the YAML against the database; write a verified NNN_slug.sql + rollback_NNN.sql')
    .option('--db <url>', 'database URL (default: DATABASE_URL, config db, else the embedded database)')
    .option('--schema <dir>', 'YAML spec directory')
    .option('--migrations <dir>', 'migrations directory')
    .option('--name <slug>', 'migration name (default: derived from the changes)')
    .option('--allow-destructive', 'allow changes that delete data (drop table/column, remove enum value, narrow a type)', false)
    .option('--allow-hazard <name>', 'allow a hazard (rewrites-table, breaks-clients, ...; repeatable; "all" for every hazard)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--dry-run', 'print the plan without writing files', false)
    .option('--shadow-url <url>', 'server for scratch databases (default: the target server, else embedded)')
    .addOption(
      new Option('--verify <mode>', 'prove the plan on a shadow before writing: the touched objects, the full schema, or none')
        .choices(['touched', 'full', 'none'])
        .default('touched'),
    )
    .option('--sample-rows <n>', 'live rows of each touched table copied into the verification shadow (0: none; default 1000 or the config\'s sample_rows)')
    .action(async (flags: Record<string, unknown>) => {
      const config = await ctx.config();
      const choice = await resolveTarget(ctx, flags['db'] as string | undefined);
      const report = await runPlan({
        cwd: ctx.cwd,
        config,
        schemaDir: resolve(ctx.cwd, (flags['schema'] as string | undefined) ?? config.schema),
        migrationsDir: resolve(ctx.cwd, (flags['migrations'] as string | undefined) ?? config.migrations),
        dbUrl: choice.url,
        embedded: choice.embedded,
        shadowUrl: flags['shadowUrl'] as string | undefined,
        name: flags['name'] as string | undefined,
        hazards: { allowDestructive: flags['allowDestructive'] === true, allowHazards: flags['allowHazard'] as string[] },
        dryRun: flags['dryRun'] === true,
        verify: flags['verify'] as 'touched' | 'full' | 'none',
        ...(flags['sampleRows'] !== undefined ? { sampleRows: sampleRows(flags['sampleRows'] as string) } : {}),
        progress: (message) => ctx.output.err(message),
      });
      const format = flags['format'] as string;
      ctx.output.out(format === 'json' ? renderJson(report) : format === 'markdown' ? renderMarkdown(report) : renderText(report, ctx.output.color));
      setExit(0);
    });
};
