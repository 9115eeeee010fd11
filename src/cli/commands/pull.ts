import type { CommandRegistrar } from '../context.js';
import { OperationError } from '../../util/findings.js';

/** `schema pull` (being built). */
export const registerPull: CommandRegistrar = (program) => {
  program
    .command('pull')
    .description('pull (not yet available)')
    .allowUnknownOption(true)
    .action(() => {
      throw new OperationError('schema pull is not available yet', 2);
    });
};
