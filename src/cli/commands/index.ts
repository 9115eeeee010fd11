/**
 * Every subcommand, registered in the order `--help` lists them. Each module is imported only when
 * needed, so running one command loads that command's dependencies alone.
 */
import type { CommandRegistrar } from '../context.js';

export interface CommandModule {
  readonly name: string;
  load(): Promise<CommandRegistrar>;
}

export const commandModules: readonly CommandModule[] = [
  { name: 'init', load: async () => (await import('./init.js')).registerInit },
  { name: 'validate', load: async () => (await import('./validate.js')).registerValidate },
  { name: 'pull', load: async () => (await import('./pull.js')).registerPull },
  { name: 'plan', load: async () => (await import('./plan.js')).registerPlan },
  { name: 'apply', load: async () => (await import('./apply.js')).registerApply },
  { name: 'status', load: async () => (await import('./status.js')).registerStatus },
  { name: 'check', load: async () => (await import('./check.js')).registerCheck },
  { name: 'lint', load: async () => (await import('./lint.js')).registerLint },
  { name: 'generate', load: async () => (await import('./generate.js')).registerGenerate },
  { name: 'baseline', load: async () => (await import('./baseline.js')).registerBaseline },
  { name: 'test', load: async () => (await import('./test.js')).registerTest },
];

/**
 * The registrars a run needs: only the named command's when argv names one, none for the version
 * alone, else (help, an unknown or missing command) all of them, so help and suggestions list
 * every command.
 */
export async function commandsFor(argv: readonly string[]): Promise<CommandRegistrar[]> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return [];
  const first = argv.find((arg) => !arg.startsWith('-'));
  const only = commandModules.find((m) => m.name === first);
  const wanted = only ? [only] : commandModules;
  return Promise.all(wanted.map((m) => m.load()));
}
