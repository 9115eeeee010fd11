/** The whole runner suite again, every command going through PgBouncer in transaction mode (pool size 2). */
import { afterAll, beforeAll } from 'vitest';
import { adminUrl } from '../helpers/db.js';
import { startPgBouncer, type PgBouncer } from '../helpers/pgbouncer.js';
import { runnerSuite } from './suite.js';

let bouncer: PgBouncer | undefined;
beforeAll(async () => {
  bouncer = await startPgBouncer(adminUrl());
});
afterAll(async () => {
  await bouncer?.stop();
});

runnerSuite('through PgBouncer, transaction mode', () => (url) => {
  if (!bouncer) throw new Error('PgBouncer did not start');
  return bouncer.through(url);
});
