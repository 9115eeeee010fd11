import { resolve } from 'node:path';
import type { CommandRegistrar } from '../context.js';
import { resolveTarget } from '../target.js';
import { runBaseline } from '../../apply/run-baseline.js';
import { leaseFlags, parseVersion } from '../../apply/options.js';
import { InputError } from '../../util/findings.js';

/** `schema baseline --through NNN`: mark existing files as applied without running them. */
export const registerBaseline: CommandRegistrar = (program, ctx, setExit) => {
  program
    .command('baseline')
    .description('record migrations up to NNN as applied without running them (database built before this tool)')
    .option('--through <NNN>', 'highest migration number to record')
    .option('--db <url>', 'database URL (default: DATABASE_URL, config db, else the embedded database)')
    .option('--migrations <dir>', 'migrations directory')
    .option('--force', 'record even when the database does not match the recorded post-state', false)
    .option('--wait <seconds>', 'wait this long for a running apply (default 60)')
    .option('--lease-ttl <seconds>', 'lease lifetime (default 60, env SCHEMA_LEASE_TTL)')
    .action(async (flags: Record<string, unknown>) => {
      if (flags['through'] === undefined) throw new InputError('baseline needs --through NNN (the highest migration already in the database)');
      const through = parseVersion(flags['through'], '--through');
      const config = await ctx.config();
      const choice = await resolveTarget(ctx, flags['db'] as string | undefined);
      const result = await runBaseline({
        dbUrl: choice.url,
        migrationsDir: resolve(ctx.cwd, (flags['migrations'] as string | undefined) ?? config.migrations),
        through,
        force: flags['force'] === true,
        ...leaseFlags(flags),
        progress: (message) => ctx.output.err(message),
      });
      ctx.output.out(
        `baseline: recorded ${result.recorded.length} migration${result.recorded.length === 1 ? '' : 's'} as applied` +
          (result.recorded.length ? `: ${result.recorded.map((r) => r.name).join(', ')}` : '') +
          (result.alreadyRecorded ? ` (${result.alreadyRecorded} already recorded)` : ''),
      );
      setExit(0);
    });
};
