/** What every command receives: output streams, the working directory and the loaded config. */
import type { Command } from 'commander';
import type { Config } from './config.js';
import type { Output } from './output.js';

export interface CommandContext {
  readonly output: Output;
  readonly cwd: string;
  /** Loaded lazily so `--help` works with a broken config file. */
  config(): Promise<Config>;
}

/** A command module: adds its subcommand to the program. The action sets `ctx` exit code via the returned number. */
export type CommandRegistrar = (program: Command, ctx: CommandContext, setExit: (code: number) => void) => void;
