/**
 * Keeps a connection lost mid-transaction from crashing the process. The driver (postgres.js 3.4.x)
 * may schedule the transaction's `ROLLBACK` write on a connection the server has just closed; the
 * deferred write then throws `TypeError: Cannot read properties of null (reading 'write')` from a
 * timer, outside any promise (porsager/postgres#1154, #1208). The transaction itself has already
 * been rejected with CONNECTION_CLOSED by then, so that one error is safe to drop; every other
 * uncaught error keeps Node's default behaviour.
 */

/**
 * True for the driver's write on an already closed socket, and nothing else: thrown by its
 * `nextWrite`, in the driver's own file or in the command line's linked files (dist/bundle/).
 */
export function isClosedSocketWrite(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const frame = /\n\s+at (?:Immediate\.)?nextWrite\d* \((.*)\)/.exec(error.stack ?? '');
  return /reading 'write'/.test(error.message) && frame !== null && /postgres[\\/]src[\\/]connection\.js|[\\/]dist[\\/]bundle[\\/]/.test(frame[1]!);
}

let installed = false;

/** Installs the guard once per process. */
export function guardClosedSocketWrites(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error, origin) => {
    if (isClosedSocketWrite(error)) return;
    // Node's default: print the error and exit 1 (as without this handler).
    process.stderr.write(`${origin === 'unhandledRejection' ? 'unhandled rejection' : 'uncaught exception'}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
