/** Runs a rendered migration file on a (shadow) database exactly as `apply` will. */
import type { Db } from '../db/index.js';
import type { PlanOptions } from '../plan/index.js';

export const runMigrationScript =
  (options: PlanOptions) =>
  async (db: Db, sql: string): Promise<void> => {
    // Loaded with the SQL parser it needs, only when a plan has something to verify.
    const { executeMigrationSql } = await import('../apply/execute.js');
    await executeMigrationSql(db, sql, { lockTimeout: options.lockTimeout, statementTimeout: options.statementTimeout });
  };
