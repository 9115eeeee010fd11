/** Runs a rendered migration file on a (shadow) database exactly as `apply` will. */
import type { Db } from '../db/index.js';
import { executeMigrationSql } from '../apply/execute.js';
import type { PlanOptions } from '../plan/index.js';

export const runMigrationScript =
  (options: PlanOptions) =>
  async (db: Db, sql: string): Promise<void> => {
    await executeMigrationSql(db, sql, { lockTimeout: options.lockTimeout, statementTimeout: options.statementTimeout });
  };
