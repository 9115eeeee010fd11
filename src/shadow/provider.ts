/**
 * Shadow databases: scratch databases where Postgres itself normalizes the spec and where plans are
 * proven before they are written. A provider hands out fresh databases on one server and drops them
 * afterwards, also when the command fails or is interrupted.
 */
import { randomBytes } from 'node:crypto';
import { connect, startEmbedded, type Db, type EmbeddedVersion } from '../db/index.js';
import { endEarly } from '../util/ending.js';
import { OperationError } from '../util/findings.js';

export interface ShadowDatabase {
  readonly name: string;
  readonly url: string;
  readonly db: Db;
  dispose(): Promise<void>;
}

export interface ShadowProvider {
  /** Where the shadows live, for messages. */
  readonly description: string;
  /** True when this provider may create missing roles (a private scratch server). */
  readonly privateServer: boolean;
  create(): Promise<ShadowDatabase>;
  /**
   * Starts making databases in the background until `count` are ready or on their way, so the next
   * create() calls need not wait for CREATE DATABASE. An error surfaces at that create().
   */
  warm(count: number): void;
  /**
   * Hands a used database back: it is dropped in the background (DROP DATABASE takes tens of
   * milliseconds), and release() waits for it.
   */
  retire(shadow: ShadowDatabase): void;
  /** Drops the databases warmed and not taken, and waits for the retired ones; returns the names of those not taken. */
  release(): Promise<string[]>;
}

const live = new Set<() => Promise<void>>();
let handlersInstalled = false;

/**
 * Drop every open shadow before the process ends early: on Ctrl-C, SIGTERM or SIGHUP, and when the
 * reader of stdout or stderr goes away (`schema plan 2>&1 | head -2`: the next write fails with
 * EPIPE, which would otherwise crash the process with the scratch databases left on the server).
 * Exit codes follow the shell's convention, 128 + the signal number (141 for a closed pipe).
 */
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const codes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => shutDown(codes[signal]));
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') shutDown(141);
    });
  }
}

function shutDown(code: number): void {
  endEarly(code, () => Promise.allSettled([...live].map((dispose) => dispose())));
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Temporary databases on an existing server (`CREATE DATABASE`, dropped after). */
export function serverShadowProvider(serverUrl: string, options: { privateServer?: boolean } = {}): ShadowProvider {
  const spares: Promise<ShadowDatabase>[] = [];
  const retiring: Promise<void>[] = [];
  return {
    description: new URL(serverUrl).host,
    privateServer: options.privateServer ?? false,
    create: () => spares.shift() ?? make(),
    warm(count) {
      while (spares.length < count) {
        const spare = make();
        spare.catch(() => undefined); // reported by the create() that takes it
        spares.push(spare);
      }
    },
    retire(shadow) {
      retiring.push(shadow.dispose().catch(() => undefined));
    },
    async release() {
      await Promise.all(retiring.splice(0));
      const unused = spares.splice(0);
      const dropped = await Promise.all(
        unused.map((spare) =>
          spare.then(
            async (shadow) => (await shadow.dispose(), shadow.name),
            () => undefined,
          ),
        ),
      );
      return dropped.filter((name): name is string => name !== undefined);
    },
  };

  async function make(): Promise<ShadowDatabase> {
    installSignalHandlers();
    const name = `schema_shadow_${randomBytes(6).toString('hex')}`;
    const url = databaseUrl(serverUrl, name);
    const db = connect(url, { max: 1 });
    const admin = connect(serverUrl);
    const created = admin.exec(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`).finally(() => admin.close());
    let disposed = false;
    const dispose = async (): Promise<void> => {
      if (disposed) return;
      disposed = true;
      live.delete(dispose);
      await db.close().catch(() => undefined);
      // Interrupted while it was being created: drop it once it exists.
      if (!(await created.then(() => true, () => false))) return;
      const dropper = connect(serverUrl);
      try {
        await dropper.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.close();
      }
    };
    // Registered before CREATE DATABASE runs: Ctrl-C while a shadow is being made still drops it.
    live.add(dispose);
    try {
      await created;
    } catch (error) {
      live.delete(dispose);
      await db.close().catch(() => undefined);
      throw new OperationError(
        `cannot create a shadow database on ${admin.displayUrl}: ${(error as Error).message}; pass --shadow-url, or grant CREATEDB`,
      );
    }
    return { name, url, db, dispose };
  }
}

/** Shadows on a private embedded server in `<root>/.schema/shadow-<major>`. */
export async function embeddedShadowProvider(root: string, version: EmbeddedVersion, progress?: (message: string) => void): Promise<ShadowProvider> {
  const server = await startEmbedded({ dataDir: `${root}/.schema/shadow-${version}`, version, ...(progress ? { progress } : {}) });
  const provider = serverShadowProvider(server.url, { privateServer: true });
  return { ...provider, description: `embedded PostgreSQL ${version}` };
}

/** Whether the current role may create databases on the server at `url`. */
export async function canCreateDatabases(db: Db): Promise<boolean> {
  const rows = await db.query<{ ok: boolean }>(
    `SELECT (rolcreatedb OR rolsuper) AS ok FROM pg_catalog.pg_roles WHERE rolname = current_user`,
  );
  return rows[0]?.ok === true;
}

export interface ChooseShadowOptions {
  readonly shadowUrl?: string;
  readonly target: Db;
  readonly targetIsEmbedded: boolean;
  readonly root: string;
  readonly targetMajor: number;
  /** Told when an embedded shadow server is being created or started. */
  readonly progress?: (message: string) => void;
}

/** `--shadow-url`, else the target server when the role may create databases, else embedded. */
export async function chooseShadowProvider(options: ChooseShadowOptions): Promise<ShadowProvider> {
  if (options.shadowUrl) return serverShadowProvider(options.shadowUrl);
  if (options.targetIsEmbedded) return serverShadowProvider(options.target.url, { privateServer: true });
  if (await canCreateDatabases(options.target)) return serverShadowProvider(options.target.url);
  return embeddedShadowProvider(options.root, options.targetMajor >= 17 ? 17 : 15, options.progress);
}

/**
 * The provider a command chooses on first use (choosing may start an embedded server), and the
 * release of its databases at the end, whether or not one was chosen.
 */
export function lazyShadowProvider(options: () => ChooseShadowOptions): { get: () => Promise<ShadowProvider>; release: () => Promise<void> } {
  let chosen: Promise<ShadowProvider> | undefined;
  return {
    get: () => (chosen ??= chooseShadowProvider(options())),
    release: async () => {
      await chosen?.then((p) => p.release(), () => undefined);
    },
  };
}
