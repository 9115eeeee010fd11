/** `schema test [--db URL] [--emit pgtap DIR]`: declared access tests, on a shadow of the desired state. */
import { resolve } from 'node:path';
import type { CommandRegistrar } from '../context.js';
import { resolveTarget } from '../target.js';
import { formatFinding, InputError } from '../../util/findings.js';

export const registerTest: CommandRegistrar = (program, ctx, setExit) => {
  program
    .command('test')
    .description("run the spec's access tests (role, claims, rows -> allowed or denied) on a shadow of the desired state")
    .option('--db <url>', 'server for the shadow (default: DATABASE_URL, config db, else the embedded database)')
    .option('--schema <dir>', 'YAML spec directory')
    .option('--shadow-url <url>', 'an empty database to run the tests on instead of a temporary one')
    .option('--emit <format>', 'write the tests as files instead of running them: pgtap')
    .argument('[dir]', 'with --emit: the directory to write into')
    .action(async (dir: string | undefined, flags: Record<string, unknown>) => {
      const config = await ctx.config();
      const schemaDir = resolve(ctx.cwd, (flags['schema'] as string | undefined) ?? config.schema);
      const emit = flags['emit'] as string | undefined;
      const { emitPgtap, runAccessTestCommand } = await import('../../planner/run-test.js');
      if (emit !== undefined) {
        if (emit !== 'pgtap') throw new InputError(`--emit must be pgtap, not "${emit}"`);
        if (!dir) throw new InputError('--emit pgtap needs a directory: schema test --emit pgtap supabase/tests');
        const files = await emitPgtap({ config, schemaDir }, resolve(ctx.cwd, dir));
        ctx.output.out(files.length === 0 ? 'no access tests declared' : `wrote ${files.length} pgTAP file${files.length === 1 ? '' : 's'} to ${dir}`);
        setExit(0);
        return;
      }
      if (dir) throw new InputError(`unexpected argument "${dir}" (a directory goes with --emit pgtap)`);
      const choice = await resolveTarget(ctx, flags['db'] as string | undefined);
      const report = await runAccessTestCommand({
        cwd: ctx.cwd,
        config,
        schemaDir,
        dbUrl: choice.url,
        embedded: choice.embedded,
        ...(flags['shadowUrl'] ? { shadowUrl: flags['shadowUrl'] as string } : {}),
      });
      if (report.results.length === 0) {
        ctx.output.out('no access tests declared');
        setExit(0);
        return;
      }
      for (const r of report.results) ctx.output.out(`${r.passed ? 'ok  ' : 'FAIL'} ${r.case.table}: ${JSON.stringify(r.case.name).slice(1, -1)} (as ${r.case.as}) ${r.observed}`);
      for (const f of report.failures) ctx.output.out(formatFinding(f));
      const failed = report.failures.length;
      ctx.output.out(`tests: ${report.results.length - failed} passed, ${failed} failed`);
      setExit(failed > 0 ? 1 : 0);
    });
};
