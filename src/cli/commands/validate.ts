import type { CommandRegistrar } from '../context.js';
import { OperationError } from '../../util/findings.js';

/** `schema validate` (being built). */
export const registerValidate: CommandRegistrar = (program) => {
  program
    .command('validate')
    .description('validate (not yet available)')
    .allowUnknownOption(true)
    .action(() => {
      throw new OperationError('schema validate is not available yet', 2);
    });
};
