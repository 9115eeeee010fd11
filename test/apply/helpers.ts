/** Running the runner's commands as a user would, and writing migration directories. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, type CliResult } from '../helpers/cli.js';

let entry: string | undefined;

/**
 * A snapshot of the built CLI (bin + dist, node_modules linked) in a temporary directory, so a rebuild of dist/ while a long test
 * runs cannot change the code under test half-way. Runs bin/schema.js; a CLI that cannot start fails
 * the tests that use it.
 */
function cliEntry(): string {
  if (entry) return entry;
  const root = mkdtempSync(join(tmpdir(), 'schema-test-cli-'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  cpSync(join(REPO_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  cpSync(join(REPO_ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  cpSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  entry = join(root, 'bin', 'schema.js');
  return entry;
}

export interface SchemaOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
}

export function spawnSchema(args: readonly string[], options: SchemaOptions = {}): ChildProcess {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', DATABASE_URL: undefined, ...options.env };
  return spawn(process.execPath, [cliEntry(), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function schema(args: readonly string[], options: SchemaOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnSchema(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** A temporary project directory with `migrations/` holding the given files. */
export function project(files: Readonly<Record<string, string>>): { cwd: string; dir: string; write(name: string, text: string): void } {
  const cwd = mkdtempSync(join(tmpdir(), 'schema-apply-'));
  const dir = join(cwd, 'migrations');
  mkdirSync(dir);
  const write = (name: string, text: string): void => writeFileSync(join(dir, name), text);
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { cwd, dir, write };
}
