/** `schema generate sqlalchemy --out DIR` and `schema generate typescript --out FILE`: app code from the YAML alone. */
import { resolve } from 'node:path';
import type { CommandRegistrar } from '../context.js';
import { artifactFiles, loadValidSpec, writeArtifacts, type ArtifactKind } from '../../generate/artifacts.js';
import { displayDir } from './validate.js';

export const registerGenerate: CommandRegistrar = (program, ctx, setExit) => {
  const generate = program.command('generate').description('write app code from the YAML spec alone (no database): SQLAlchemy models, supabase-js types');
  const add = (kind: ArtifactKind, description: string, out: string): void => {
    generate
      .command(kind)
      .description(description)
      .requiredOption('--out <path>', out)
      .option('--schema <dir>', 'directory of the YAML spec (default: schema/ or schema.config.yaml)')
      .action(async (flags: { out: string; schema?: string }) => {
        const config = await ctx.config();
        const spec = await loadValidSpec(displayDir(ctx.cwd, flags.schema ?? config.schema), config);
        const written = writeArtifacts(resolve(ctx.cwd, flags.out), artifactFiles(kind, spec));
        ctx.output.err(`generate ${kind}: wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${displayDir(ctx.cwd, flags.out)}`);
        setExit(0);
      });
  };
  add('sqlalchemy', 'a Python package of SQLAlchemy models (Base and one class per table), for SQLAlchemy 1.4 and 2.x', 'directory of the package (e.g. app/models)');
  add('typescript', 'the supabase-js `Database` type of every managed schema', 'file to write (e.g. src/database.types.ts)');
};
