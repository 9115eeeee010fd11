/** Every subcommand, registered in the order `--help` lists them. */
import type { CommandRegistrar } from '../context.js';
import { registerInit } from './init.js';
import { registerValidate } from './validate.js';
import { registerPull } from './pull.js';
import { registerPlan } from './plan.js';
import { registerApply } from './apply.js';
import { registerStatus } from './status.js';
import { registerCheck } from './check.js';
import { registerLint } from './lint.js';
import { registerBaseline } from './baseline.js';

export const commands: readonly CommandRegistrar[] = [
  registerInit,
  registerValidate,
  registerPull,
  registerPlan,
  registerApply,
  registerStatus,
  registerCheck,
  registerLint,
  registerBaseline,
];
