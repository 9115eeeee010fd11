/**
 * A throwaway project for end-to-end cases: a directory with `schema.config.yaml` and one YAML file,
 * a fresh database it plans against, and the built CLI run in it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

export interface Project {
  readonly dir: string;
  readonly target: TestDatabase;
  /** Replaces `schema/app.yaml`. */
  spec(yaml: string): void;
  cli(args: readonly string[], env?: Readonly<Record<string, string | undefined>>): Promise<CliResult>;
  /** Files in the migrations directory, sorted. */
  migrations(): string[];
  read(file: string): string;
  remove(): Promise<void>;
}

export async function project(prefix: string, config: { preset?: 'supabase' | 'none'; exposed?: readonly string[] } = {}): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), `schema-${prefix}-`));
  const target = await freshDatabase(prefix);
  mkdirSync(join(dir, 'schema'));
  writeFileSync(
    join(dir, 'schema.config.yaml'),
    `schema: schema\nmigrations: generated-migrations\npreset: ${config.preset ?? 'none'}\nexposed_schemas: [${(config.exposed ?? []).join(', ')}]\n`,
  );
  const migrationsDir = join(dir, 'generated-migrations');
  return {
    dir,
    target,
    spec: (yaml) => writeFileSync(join(dir, 'schema', 'app.yaml'), yaml),
    cli: (args, env = {}) => runCli(args, { cwd: dir, env: { DATABASE_URL: target.url, ...env } }),
    migrations: () => {
      try {
        return readdirSync(migrationsDir).sort();
      } catch {
        return [];
      }
    },
    read: (file) => readFileSync(join(migrationsDir, file), 'utf8'),
    remove: async () => {
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
