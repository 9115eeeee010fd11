/**
 * A throwaway project a test drives as a user would: a directory with schema/*.yaml and a config,
 * a target database playing a Supabase project (preset roles and auth stub), and the built CLI.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli, type CliResult } from './cli.js';
import { freshDatabase, type TestDatabase } from './db.js';

export interface Project {
  readonly dir: string;
  readonly target: TestDatabase;
  /** Replaces schema/ with these files (name -> YAML). */
  spec(files: Readonly<Record<string, string>>): void;
  cli(args: readonly string[]): Promise<CliResult>;
  /** The migration files, sorted. */
  migrations(): string[];
  read(file: string): string;
  close(): Promise<void>;
}

const CONFIG = 'schema: schema\nmigrations: generated-migrations\npreset: supabase\nexposed_schemas: [public]\nlock_timeout: 5s\nstatement_timeout: 1min\n';

export async function project(prefix: string): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), `schema-${prefix}-`));
  writeFileSync(join(dir, 'schema.config.yaml'), CONFIG);
  const target = await freshDatabase(prefix);
  await target.db.exec(supabasePresetSql());
  const migrationsDir = join(dir, 'generated-migrations');
  return {
    dir,
    target,
    spec(files) {
      rmSync(join(dir, 'schema'), { recursive: true, force: true });
      mkdirSync(join(dir, 'schema'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'schema', name), text);
    },
    cli: (args) => runCli(args, { cwd: dir, env: { DATABASE_URL: target.url } }),
    migrations: () => {
      try {
        return readdirSync(migrationsDir).sort();
      } catch {
        return [];
      }
    },
    read: (file) => readFileSync(join(migrationsDir, file), 'utf8'),
    close: async () => {
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
