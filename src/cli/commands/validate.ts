/** `schema validate [--schema DIR]`: YAML -> positioned errors. Exit 0 clean (or warnings), 1 rule errors, 2 invalid input. */
import { isAbsolute, relative, resolve } from 'node:path';
import type { CommandRegistrar } from '../context.js';
import { loadSpec } from '../../spec/index.js';
import { validateSpec } from '../../rules/index.js';
import { formatFinding, InputError } from '../../util/findings.js';

/** The directory as the user should read it in messages: relative to the process when possible. */
export function displayDir(cwd: string, dir: string): string {
  const abs = resolve(cwd, dir);
  const rel = relative(process.cwd(), abs);
  return rel === '' ? '.' : !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

export const registerValidate: CommandRegistrar = (program, ctx, setExit) => {
  program
    .command('validate')
    .description('check the YAML spec: shape, references, SQL fragments and the checklist')
    .option('--schema <dir>', 'directory of the YAML spec (default: schema/ or schema.config.yaml)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (options: { schema?: string; format: string }) => {
      if (options.format !== 'text' && options.format !== 'json') throw new InputError(`--format must be text or json, not "${options.format}"`);
      const config = await ctx.config();
      const dir = displayDir(ctx.cwd, options.schema ?? config.schema);
      const loaded = await loadSpec(dir);
      const { errors, findings } = validateSpec(loaded, { exposed_schemas: config.exposed_schemas, ...(config.preset ? { preset: config.preset } : {}) });
      if (errors.length > 0) {
        throw new InputError(`the spec is invalid (${errors.length} error${errors.length === 1 ? '' : 's'})`, [...errors, ...findings]);
      }
      const ruleErrors = findings.filter((f) => f.severity === 'error').length;
      const warnings = findings.length - ruleErrors;
      if (options.format === 'json') {
        ctx.output.out(JSON.stringify({ files: loaded.files, findings, errors: ruleErrors, warnings }, null, 2));
      } else {
        for (const finding of findings) ctx.output.out(formatFinding(finding));
        const files = `${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'}`;
        ctx.output.err(
          ruleErrors + warnings === 0
            ? `${dir}: ${files}, valid`
            : `${dir}: ${files}, ${ruleErrors} error${ruleErrors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
        );
      }
      setExit(ruleErrors > 0 ? 1 : 0);
    });
};
