import type { CommandRegistrar } from '../context.js';
import { OperationError } from '../../util/findings.js';

/** `schema baseline` (being built). */
export const registerBaseline: CommandRegistrar = (program) => {
  program
    .command('baseline')
    .description('baseline (not yet available)')
    .allowUnknownOption(true)
    .action(() => {
      throw new OperationError('schema baseline is not available yet', 2);
    });
};
