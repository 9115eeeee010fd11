/** The `schema` command line: parses flags, runs one command, maps errors to exit codes. */
import { Command, CommanderError } from 'commander';
import { loadConfig, type Config } from './config.js';
import type { CommandContext } from './context.js';
import { processOutput, type Output } from './output.js';
import { formatFinding, InputError, OperationError } from '../util/findings.js';
import { commandsFor } from './commands/index.js';
import { VERSION } from '../version.js';
import { serverErrorText } from '../db/errors.js';
import { makeProtoAnOrdinaryKey } from '../util/object-keys.js';
import { guardClosedSocketWrites } from '../db/driver-guard.js';
import { endingEarly } from '../util/ending.js';

export async function main(argv: readonly string[], output: Output = processOutput, cwd = process.cwd()): Promise<number> {
  makeProtoAnOrdinaryKey();
  // A connection lost mid-transaction must end in the command's clear error, not a driver crash.
  guardClosedSocketWrites();
  let exitCode = 0;
  let config: Promise<Config> | undefined;
  const ctx: CommandContext = {
    output,
    cwd,
    config: () => (config ??= loadConfig(cwd)),
  };
  const program = new Command('schema')
    .description('Declarative schema-as-code for PostgreSQL: YAML in, verified migrations out.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) })
    .showSuggestionAfterError(true);
  const setExit = (code: number): void => {
    exitCode = Math.max(exitCode, code);
  };
  let code: number;
  try {
    for (const register of await commandsFor(argv)) register(program, ctx, setExit);
    await program.parseAsync([...argv], { from: 'user' });
    code = exitCode;
  } catch (error) {
    code = reportError(error, output);
  }
  // Ending early (a signal, a closed pipe): the scratch databases are being dropped, then the process exits.
  await endingEarly();
  return code;
}

export function reportError(error: unknown, output: Output): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    return 2;
  }
  if (error instanceof InputError) {
    for (const finding of error.findings) output.err(formatFinding(finding));
    if (error.message) output.err(`schema: ${error.message}`);
    return 2;
  }
  if (error instanceof OperationError) {
    for (const finding of error.findings) output.err(formatFinding(finding));
    output.err(`schema: ${error.message}`);
    return error.exitCode;
  }
  // A server error no command handled (a statement timeout, a permission the role lacks): one line, exit 1.
  const serverText = serverErrorText(error);
  if (serverText !== undefined) {
    output.err(`schema: ${serverText}`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  output.err(`schema: unexpected error: ${message}`);
  if (process.env['SCHEMA_DEBUG'] && error instanceof Error && error.stack) output.err(error.stack);
  return 70;
}
