/** `schema init`: writes the example spec (schema/) and schema.config.yaml into the working directory. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandRegistrar } from '../context.js';
import { CONFIG_FILE } from '../config.js';
import { InputError } from '../../util/findings.js';

/** The package root (holds `schema/` with the example app and `schema.json`). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE_DIR = join(PACKAGE_ROOT, 'schema');
/** Where editors find the JSON Schema once the package is installed. */
export const SCHEMA_URL_FROM_SPEC = '../node_modules/schema/schema.json';
const HEADER = /^# yaml-language-server: \$schema=.*$/m;

export const CONFIG_TEMPLATE = `# schema.config.yaml: defaults for the schema command's flags (flags win over this file).
# Keep secrets out of it: pass the database as --db or DATABASE_URL.
schema: schema
migrations: generated-migrations
preset: supabase
exposed_schemas: [public]
target_version: 14
lock_timeout: 5s
statement_timeout: 15min
`;

/** The example files: name -> content, with the editor header pointing into node_modules. */
export function exampleFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(EXAMPLE_DIR).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const text = readFileSync(join(EXAMPLE_DIR, name), 'utf8');
    const header = `# yaml-language-server: $schema=${SCHEMA_URL_FROM_SPEC}`;
    out[name] = HEADER.test(text) ? text.replace(HEADER, header) : `${header}\n${text}`;
  }
  return out;
}

export const registerInit: CommandRegistrar = (program, ctx) => {
  program
    .command('init')
    .description('write an example spec (schema/) and schema.config.yaml into the current directory')
    .option('--schema <dir>', 'directory for the example spec', 'schema')
    .action((options: { schema: string }) => {
      const dir = join(ctx.cwd, options.schema);
      const config = join(ctx.cwd, CONFIG_FILE);
      const existing = [dir, config].filter((p) => existsSync(p)).map((p) => relative(ctx.cwd, p) || p);
      if (existing.length > 0) {
        throw new InputError(`refusing to overwrite ${existing.join(' and ')}; move ${existing.length === 1 ? 'it' : 'them'} away or run init in another directory`);
      }
      const files = exampleFiles();
      mkdirSync(dir, { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { flag: 'wx' });
      writeFileSync(config, CONFIG_TEMPLATE, { flag: 'wx' });
      for (const name of Object.keys(files)) ctx.output.out(`created ${join(options.schema, name)}`);
      ctx.output.out(`created ${CONFIG_FILE}`);
      ctx.output.err('next: edit the YAML, then run `schema validate` and `schema plan`');
    });
};
