/** Which database a command talks to: --db, else DATABASE_URL, else config `db`, else the embedded one. */
import { join } from 'node:path';
import { startEmbedded } from './embedded.js';

export interface DatabaseChoice {
  readonly url: string;
  readonly embedded: boolean;
}

export interface ResolveOptions {
  readonly db?: string;
  /** The config file's `db`, read only when neither `db` nor DATABASE_URL names the database. */
  readonly configDb?: () => string | undefined | Promise<string | undefined>;
  /** Project root; the embedded database lives in `<root>/.schema/db`. */
  readonly root?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Told when the embedded server is being created or started. */
  readonly progress?: (message: string) => void;
}

export const embeddedDataDir = (root: string): string => join(root, '.schema', 'db');

export async function resolveDatabase(options: ResolveOptions): Promise<DatabaseChoice> {
  const env = options.env ?? process.env;
  const explicit = options.db ?? env['DATABASE_URL'] ?? (await options.configDb?.());
  if (explicit) return { url: explicit, embedded: false };
  const server = await startEmbedded({ dataDir: embeddedDataDir(options.root ?? process.cwd()), ...(options.progress ? { progress: options.progress } : {}) });
  return { url: server.url, embedded: true };
}
