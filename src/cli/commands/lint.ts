import type { CommandRegistrar } from '../context.js';
import { OperationError } from '../../util/findings.js';

/** `schema lint` (being built). */
export const registerLint: CommandRegistrar = (program) => {
  program
    .command('lint')
    .description('lint (not yet available)')
    .allowUnknownOption(true)
    .action(() => {
      throw new OperationError('schema lint is not available yet', 2);
    });
};
