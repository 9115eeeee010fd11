// The runner's commands alone, for while the full CLI (bin/schema.js) cannot load yet in this
// checkout; same registrars, same error-to-exit-code mapping as src/cli/main.ts.
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../../dist/cli/config.js';
import { processOutput } from '../../dist/cli/output.js';
import { registerApply } from '../../dist/cli/commands/apply.js';
import { registerStatus } from '../../dist/cli/commands/status.js';
import { registerCheck } from '../../dist/cli/commands/check.js';
import { registerBaseline } from '../../dist/cli/commands/baseline.js';
import { formatFinding } from '../../dist/util/findings.js';

let exitCode = 0;
let config;
const cwd = process.cwd();
const ctx = { output: processOutput, cwd, config: () => (config ??= loadConfig(cwd)) };
const program = new Command('schema').exitOverride();
const setExit = (code) => (exitCode = Math.max(exitCode, code));
for (const register of [registerApply, registerStatus, registerCheck, registerBaseline]) register(program, ctx, setExit);
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  if (error instanceof CommanderError) exitCode = error.exitCode === 0 ? 0 : 2;
  else if (error?.name === 'InputError') {
    for (const f of error.findings) processOutput.err(formatFinding(f));
    if (error.message) processOutput.err(`schema: ${error.message}`);
    exitCode = 2;
  } else if (error?.name === 'OperationError' || typeof error?.exitCode === 'number') {
    processOutput.err(`schema: ${error.message}`);
    exitCode = error.exitCode ?? 1;
  } else {
    processOutput.err(`schema: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 70;
  }
}
process.exitCode = exitCode;
