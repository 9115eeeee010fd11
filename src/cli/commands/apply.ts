import type { CommandRegistrar } from '../context.js';
import { OperationError } from '../../util/findings.js';

/** `schema apply` (being built). */
export const registerApply: CommandRegistrar = (program) => {
  program
    .command('apply')
    .description('apply (not yet available)')
    .allowUnknownOption(true)
    .action(() => {
      throw new OperationError('schema apply is not available yet', 2);
    });
};
