import type { CommandRegistrar } from '../context.js';
import { OperationError } from '../../util/findings.js';

/** `schema status` (being built). */
export const registerStatus: CommandRegistrar = (program) => {
  program
    .command('status')
    .description('status (not yet available)')
    .allowUnknownOption(true)
    .action(() => {
      throw new OperationError('schema status is not available yet', 2);
    });
};
