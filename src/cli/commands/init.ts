import type { CommandRegistrar } from '../context.js';
import { OperationError } from '../../util/findings.js';

/** `schema init` (being built). */
export const registerInit: CommandRegistrar = (program) => {
  program
    .command('init')
    .description('init (not yet available)')
    .allowUnknownOption(true)
    .action(() => {
      throw new OperationError('schema init is not available yet', 2);
    });
};
