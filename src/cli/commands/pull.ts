import { resolve } from 'node:path';
import type { CommandRegistrar } from '../context.js';
import { connect, resolveDatabase } from '../../db/index.js';
import { formatUnmanaged, pullDatabase, pullSpec, writePulled } from '../../pull/index.js';

const list = (value: string): string[] =>
  value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

/** `schema pull`: adopt an existing database by writing its managed scope as YAML. */
export const registerPull: CommandRegistrar = (program, ctx, setExit) => {
  program
    .command('pull')
    .description('adopt an existing database: write its schemas as YAML (one file per table)')
    .option('--db <url>', 'database URL (default: DATABASE_URL, config db, else the embedded database)')
    .requiredOption('--out <dir>', 'directory to write the YAML to (must be empty unless --force)')
    .option('--schemas <names>', 'comma-separated schemas to pull (default: every schema but the platform ones)')
    .option('--force', 'overwrite a non-empty directory (removes YAML files the pull does not write)', false)
    .action(async (flags: Record<string, unknown>) => {
      const outDir = resolve(ctx.cwd, flags['out'] as string);
      const schemas = flags['schemas'] === undefined ? undefined : list(flags['schemas'] as string);
      // The config file gives the database URL (when --db and DATABASE_URL name none) and the exposed schemas.
      const choice = await resolveDatabase({ db: flags['db'] as string | undefined, configDb: async () => (await ctx.config()).db, root: ctx.cwd, progress: (message) => ctx.output.err(message) });
      // One connection: the catalog is read in one transaction, its queries sent at once.
      const db = connect(choice.url, { max: 1 });
      let closing: Promise<void> | undefined;
      try {
        ctx.output.err(`Reading ${schemas ? schemas.join(', ') : 'every non-platform schema'} ...`);
        const pulled = await pullDatabase(db, schemas);
        // The connection is done with: it closes while the YAML is written.
        closing = db.close();
        // The exposed schemas decide the checklist waivers; with --db given, a broken config is not needed.
        const exposedSchemas = await (async () => (await ctx.config()).exposed_schemas)().catch(() => undefined);
        const files = pullSpec(pulled.catalog, { schemas: pulled.schemas, ...(exposedSchemas ? { exposedSchemas } : {}) });
        const written = await writePulled(outDir, files, flags['force'] === true);
        // Not an error: the YAML holds everything else; each left-out feature is named once.
        for (const feature of pulled.unmanaged) ctx.output.err(formatUnmanaged(feature));
        const tables = Object.values(pulled.catalog.tables).filter((t) => pulled.schemas.includes(t.schema)).length;
        ctx.output.out(
          `Pulled ${tables} table(s) from schema(s) ${pulled.schemas.join(', ') || '(none)'} into ${written.length} file(s) under ${flags['out'] as string}`,
        );
        setExit(0);
      } finally {
        await (closing ?? db.close());
      }
    });
};
