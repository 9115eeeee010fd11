/**
 * The database layer: one small interface over postgres.js. `prepare: false` everywhere, so every
 * command works through PgBouncer in transaction mode; no session state is ever set.
 */
import postgres from 'postgres';
import { InputError } from '../util/findings.js';
import { describeDbError, redactUrl } from './errors.js';
import { ARRAY_TYPES, parseArray, serializeArray } from './arrays.js';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement, optional `$n` parameters. */
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * One statement whose rows go to `onRow` one by one as they arrive, none kept: for large results
   * read once (the catalog), each row is garbage as soon as it is read.
   */
  each(text: string, onRow: (row: Row) => void): Promise<void>;
  /** A script of one or more statements, run with the simple query protocol. */
  exec(script: string): Promise<void>;
}

export interface TransactionOptions {
  /** e.g. `REPEATABLE READ READ ONLY`. */
  readonly mode?: string;
}

export interface Db extends Queryable {
  /** The URL with the password redacted, for messages. */
  readonly displayUrl: string;
  readonly url: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * A read in one REPEATABLE READ READ ONLY snapshot, in one round trip: BEGIN, the statements `fn`
   * issues and COMMIT go to the server together. `fn` must issue every statement before it first
   * awaits (a statement issued later is refused); it may read their rows as they arrive.
   */
  readSnapshot<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** `server_version_num`, e.g. 150020. */
  serverVersion(): Promise<number>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Connections in the pool (default 1: commands are sequential). */
  readonly max?: number;
  readonly connectTimeoutSeconds?: number;
  readonly applicationName?: string;
}

/** Checks a database URL's shape; an InputError (exit 2) names what is wrong. */
export function validateUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`not a database URL: expected postgres://user[:password]@host[:port]/database`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new InputError(`${redactUrl(url)}: expected a postgres:// or postgresql:// URL`);
  }
}

const ARRAY_PARSERS = Object.fromEntries(
  ARRAY_TYPES.map(({ oid, element }) => [
    `array_${oid}`,
    { to: oid, from: [oid], serialize: serializeArray, parse: (text: string) => parseArray(text, element) },
  ]),
);

/**
 * A `?password=` query parameter (libpq reads it) moved out of the URL: the driver would send it
 * to the server as a startup parameter, which PostgreSQL and PgBouncer refuse.
 */
function splitPassword(url: string): { url: string; pass?: string } {
  const parsed = new URL(url);
  const pass = parsed.searchParams.get('password');
  if (pass === null) return { url };
  parsed.searchParams.delete('password');
  return { url: parsed.toString(), pass: parsed.password ? decodeURIComponent(parsed.password) : pass };
}

export function connect(url: string, options: ConnectOptions = {}): Db {
  validateUrl(url);
  const max = options.max ?? 1;
  const target = splitPassword(url);
  const sql = postgres(target.url, {
    ...(target.pass !== undefined ? { pass: target.pass } : {}),
    prepare: false,
    max,
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    idle_timeout: 20,
    onnotice: () => undefined,
    connection: { application_name: options.applicationName ?? 'schema' },
    // Arrays of the built-in types are read here, so the driver need not read the server's array
    // types first (a query on each new connection before its first statement).
    fetch_types: false,
    types: { bigint: postgres.BigInt, ...ARRAY_PARSERS },
    transform: { undefined: null },
  });
  // Set once the connection was lost: the driver may then never flush its last writes (its
  // transaction's ROLLBACK), and closing must not wait for them.
  let lost = false;
  // Keep numeric types and dates as text: the catalog is text, and bigints must not lose precision.
  const wrap = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (isLostConnection(error)) lost = true;
      throw rethrow(error, url);
    }
  };
  // Each statement is handed to the driver when it is called (`execute`, `forEach`), so statements
  // sent together in a transaction run in the order they were called, whichever method sent them.
  const queryable = (handle: postgres.Sql | postgres.TransactionSql): Queryable => ({
    query: <T extends Row>(text: string, params: readonly unknown[] = []) =>
      wrap(async () => [...(await handle.unsafe(text, params as postgres.ParameterOrJSON<never>[]).execute())] as unknown as T[]),
    each: async (text: string, onRow: (row: Row) => void) => {
      // An error of the reader's own (not the database's) is kept as it is: the rest of the rows
      // are skipped, and it is thrown once the statement is done.
      let failure: { error: unknown } | undefined;
      await wrap(async () =>
        handle.unsafe(text).forEach((row) => {
          if (failure) return;
          try {
            onRow(row as Row);
          } catch (error) {
            failure = { error };
          }
        }),
      );
      if (failure) throw failure.error;
    },
    exec: (script: string) => wrap(async () => void (await handle.unsafe(script).simple().execute())),
  });
  const base = queryable(sql);
  const transaction = <T>(fn: (tx: Queryable) => Promise<T>, opts: TransactionOptions = {}): Promise<T> =>
    wrap(async () => (await sql.begin(opts.mode ?? '', (tx) => fn(queryable(tx)))) as T);
  return {
    url,
    displayUrl: redactUrl(url),
    ...base,
    transaction,
    readSnapshot: <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
      // The driver's begin() waits for BEGIN's answer before the first statement, and for COMMIT's
      // after the last: two round trips more. On a pool of one connection, BEGIN, the statements
      // and COMMIT are handed to the driver in one go, nothing can come between them, and they
      // run in that order. (A reserved connection would do on a larger pool, but postgres.js 3.4.9
      // never hands one out while the pool is still to connect, or again after an idle timeout.)
      if (max !== 1) return transaction(fn, { mode: SNAPSHOT_MODE });
      return wrap(async () => {
        let issuing = true;
        const refuse = (): Promise<never> => Promise.reject(new Error('a statement of a snapshot read was issued after its COMMIT'));
        const tx: Queryable = {
          query: (text, params) => (issuing ? base.query(text, params) : refuse()),
          each: (text, onRow) => (issuing ? base.each(text, onRow) : refuse()),
          exec: (script) => (issuing ? base.exec(script) : refuse()),
        };
        const begin = sql.unsafe(`BEGIN ${SNAPSHOT_MODE}`).execute();
        let work: Promise<T>;
        try {
          work = fn(tx);
        } catch (error) {
          work = Promise.reject(error);
        }
        issuing = false;
        // After a failed statement the server answers COMMIT with a ROLLBACK.
        const commit = sql.unsafe('COMMIT').execute();
        const [, result] = await Promise.all([begin, work, commit]);
        return result;
      });
    },
    serverVersion: async () => {
      const rows = await base.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version_num']);
      return Number(rows[0]?.v);
    },
    close: () => sql.end({ timeout: lost ? 0 : 5 }),
  };
}

const SNAPSHOT_MODE = 'ISOLATION LEVEL REPEATABLE READ READ ONLY';

/** The driver's and the socket's codes, and the server's, for a connection that is gone. */
const LOST_CONNECTION = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03']);

function isLostConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && LOST_CONNECTION.has(code);
}

/**
 * Server errors keep their fields (the runner prints them); connection failures become one clear
 * line naming the database. Errors that did not come from the driver (the caller's own, raised
 * inside a transaction) and errors already described pass through as they are.
 */
function rethrow(error: unknown, url: string): unknown {
  if (error instanceof Error && (error.name === 'OperationError' || error.name === 'InputError')) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  const isServerError = error instanceof Error && 'severity' in error;
  if (isServerError && !['28P01', '28000', '3D000', '53300', '57P01'].includes(String(code))) return error;
  // The driver's and the socket's errors carry a code (CONNECTION_CLOSED, ECONNREFUSED...).
  if (!isServerError && typeof code !== 'string') return error;
  return describeDbError(error, url);
}
