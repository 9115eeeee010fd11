import type { CommandRegistrar } from '../context.js';
import { OperationError } from '../../util/findings.js';

/** `schema check` (being built). */
export const registerCheck: CommandRegistrar = (program) => {
  program
    .command('check')
    .description('check (not yet available)')
    .allowUnknownOption(true)
    .action(() => {
      throw new OperationError('schema check is not available yet', 2);
    });
};
