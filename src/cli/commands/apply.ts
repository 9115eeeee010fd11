import { resolve } from 'node:path';
import type { CommandRegistrar } from '../context.js';
import { resolveTarget } from '../target.js';
import { runApply } from '../../apply/run-apply.js';
import { runRollback } from '../../apply/run-rollback.js';
import { backfillFlags, leaseFlags, parseDuration, parseVersion, retryFlags } from '../../apply/options.js';
import { configSets } from '../config-check.js';
import { InputError } from '../../util/findings.js';

/** `schema apply`: run pending migrations (or `--rollback NNN`) under a lease, recording history. */
export const registerApply: CommandRegistrar = (program, ctx, setExit) => {
  program
    .command('apply')
    .description('apply pending migrations in order (or roll back with --rollback NNN), recording history')
    .option('--db <url>', 'database URL (default: DATABASE_URL, config db, else the embedded database)')
    .option('--migrations <dir>', 'migrations directory')
    .option('--dry-run', 'list what would run, run nothing', false)
    .option('--rollback <NNN>', 'run rollback_NNN.sql for NNN and every later applied migration, newest first')
    .option('--only', 'with --rollback: roll back NNN alone', false)
    .option('--force', 'run despite modified/missing files, a missing rollback or a changed pre-state (printed loudly)', false)
    .option('--allow-out-of-order', 'apply pending files numbered below an applied one', false)
    .option('--wait <seconds>', 'wait this long for another apply to finish (default 60)')
    .option('--lease-ttl <seconds>', 'lease lifetime; a crashed applier\'s lease frees after it (default 60, env SCHEMA_LEASE_TTL)')
    .option('--lock-timeout <duration>', 'longest wait for a lock, per statement, in a transaction or not (default from config, else the file\'s SET LOCAL, else 5s)')
    .option('--statement-timeout <duration>', 'longest run of a statement (default from config, else the file\'s SET LOCAL, else 15min)')
    .option('--verbose', 'print every statement as it runs (default: one line per migration)', false)
    .option('--lock-retries <n>', 'attempts more after a lock timeout or deadlock, pausing 0.5 s, doubled up to 5 s (default 10)')
    .option('--backfill-rows <n>', 'rows per batch of a batched backfill, each batch its own transaction (default from config, 1000)')
    .option('--backfill-pause <duration>', 'pause between backfill batches, e.g. 20ms (default from config, 20ms)')
    .action(async (flags: Record<string, unknown>) => {
      const config = await ctx.config();
      if (flags['only'] === true && flags['rollback'] === undefined) throw new InputError('--only needs --rollback NNN');
      const rollback = flags['rollback'] === undefined ? undefined : parseVersion(flags['rollback'], '--rollback');
      const lease = leaseFlags(flags);
      const lockTimeout = parseDuration(flags['lockTimeout'], '--lock-timeout');
      const statementTimeout = parseDuration(flags['statementTimeout'], '--statement-timeout');
      const choice = await resolveTarget(ctx, flags['db'] as string | undefined);
      const common = {
        dbUrl: choice.url,
        migrationsDir: resolve(ctx.cwd, (flags['migrations'] as string | undefined) ?? config.migrations),
        dryRun: flags['dryRun'] === true,
        force: flags['force'] === true,
        lockTimeout: lockTimeout ?? config.lock_timeout,
        statementTimeout: statementTimeout ?? config.statement_timeout,
        // Given by flag or config, a timeout governs over the file's own SET LOCAL.
        given: {
          lockTimeout: lockTimeout !== undefined || configSets(config, 'lock_timeout'),
          statementTimeout: statementTimeout !== undefined || configSets(config, 'statement_timeout'),
        },
        ...retryFlags(flags),
        verbose: flags['verbose'] === true,
        ...lease,
        ...backfillFlags(flags, config),
        progress: (message: string) => ctx.output.err(message),
      };
      if (rollback !== undefined) {
        const result = await runRollback({ ...common, version: rollback, only: flags['only'] === true });
        const names = result.migrations.map((m) => m.name).join(', ');
        ctx.output.out(`${result.dryRun ? 'would roll back' : 'rolled back'} ${result.migrations.length} migration${result.migrations.length === 1 ? '' : 's'}: ${names}`);
        setExit(0);
        return;
      }
      const result = await runApply({ ...common, allowOutOfOrder: flags['allowOutOfOrder'] === true });
      if (result.migrations.length === 0) {
        ctx.output.out(`nothing to apply: the database is up to date (${result.alreadyApplied} applied)`);
      } else {
        const names = result.migrations.map((m) => m.name).join(', ');
        ctx.output.out(`${result.dryRun ? 'would apply' : 'applied'} ${result.migrations.length} migration${result.migrations.length === 1 ? '' : 's'}: ${names}`);
      }
      if (result.overridden.length) ctx.output.err(`WARNING: ran with --force over ${result.overridden.length} refusal(s); see above`);
      setExit(0);
    });
};
