/**
 * The database a command talks to. The embedded database stands in for the platform, so when the
 * preset is Supabase it gets the same auth stub and roles a Supabase project has.
 */
import { connect, resolveDatabase, type DatabaseChoice } from '../db/index.js';
import { presetNamed } from '../presets/index.js';
import type { CommandContext } from './context.js';

export async function resolveTarget(ctx: CommandContext, db: string | undefined): Promise<DatabaseChoice> {
  const config = await ctx.config();
  const choice = await resolveDatabase({ db, configDb: () => config.db, root: ctx.cwd, progress: (message) => ctx.output.err(message) });
  if (choice.embedded) {
    const sql = presetNamed(config.preset).shadowSql();
    if (sql.trim()) {
      const target = connect(choice.url);
      try {
        await target.exec(sql);
      } finally {
        await target.close();
      }
    }
  }
  return choice;
}
