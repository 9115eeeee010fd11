/** Running the runner's commands as a user would, and writing migration directories. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, type CliResult } from '../helpers/cli.js';

const BIN = join(REPO_ROOT, 'bin', 'schema.js');
const FALLBACK = join(import.meta.dirname, 'runner-entry.mjs');

let entry: string | undefined;
/** bin/schema.js, unless the full CLI cannot load in this checkout yet (then the runner's commands alone). */
function cliEntry(): string {
  if (entry) return entry;
  const probe = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
  entry = probe.status === 0 ? BIN : FALLBACK;
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
