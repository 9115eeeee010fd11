/**
 * Runs access tests on a database that holds the state under test (a shadow): each case in its own
 * transaction, always rolled back, so cases never see each other's rows.
 */
import type { Db } from '../db/index.js';
import { serverErrorFields } from '../db/index.js';
import { observation, probeSql, setupSql, verdictQuery } from './script.js';
import type { AccessCase, AccessResult } from './types.js';

class RolledBack extends Error {}

export async function runAccessCase(db: Db, c: AccessCase): Promise<AccessResult> {
  let verdict: { passed: boolean; outcome: string } | undefined;
  try {
    await db.transaction(async (tx) => {
      await tx.exec(`${setupSql(c)}\n${probeSql(c)}`);
      verdict = (await tx.query<{ passed: boolean; outcome: string }>(verdictQuery(c)))[0];
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) {
      const server = serverErrorFields(error);
      const message = server?.message ?? (error instanceof Error ? error.message : String(error));
      return { case: c, passed: false, observed: `failed: ${message}${server?.detail ? ` (${server.detail})` : ''}` };
    }
  }
  if (!verdict) return { case: c, passed: false, observed: 'did not run' };
  return { case: c, passed: verdict.passed === true, observed: observation(c, verdict.outcome) };
}

export async function runAccessCases(db: Db, cases: readonly AccessCase[]): Promise<AccessResult[]> {
  const results: AccessResult[] = [];
  for (const c of cases) results.push(await runAccessCase(db, c));
  return results;
}
