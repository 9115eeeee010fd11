/** `npm run test:fast`: the tests that need no PostgreSQL server (see test/tiers.ts), in seconds. */
import { defineConfig } from 'vitest/config';
import { databaseFreeTests } from './test/tiers.js';

export default defineConfig({
  test: {
    include: databaseFreeTests('test'),
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
