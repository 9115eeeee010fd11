/**
 * Transitions gathered from peer projects' suites (cases/), both directions, judged by the oracle
 * (oracle.ts): every step ok (forward, re-plan empty, rollback, re-apply), seeded rows kept, no
 * table rewritten without a declared hazard. `known-gaps.json` names the transitions that do not
 * pass yet, each with its reason; a known gap that starts passing fails too, so the list stays true.
 * Each half writes `.schema/oracle-report-<major>-<shard>.json`; `node scripts/oracle-summary.mjs`
 * prints the share per kind from both.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { adminUrl, serverMajor } from '../helpers/db.js';
import { loadCases } from './cases.js';
import { ensureRolesSql, runTransition, type Outcome } from './run-case.js';

export const known: Record<string, string> = JSON.parse(readFileSync(join(import.meta.dirname, 'known-gaps.json'), 'utf8'));

/** The suite over every `shards`-th case from `shard` (two files run it in parallel). */
export function oracleSuite(shard: number, shards: number): void {
const cases = loadCases().filter((c, i) => i % shards === shard && (!process.env['ORACLE_CASE'] || c.id.includes(process.env['ORACLE_CASE'])));
const results: { id: string; kind: string; direction: string; outcome: Outcome }[] = [];

beforeAll(async () => {
  const admin = connect(adminUrl());
  try {
    await admin.exec(ensureRolesSql);
  } finally {
    await admin.close();
  }
});

afterAll(() => {
  // The shares per kind, across both halves, come from scripts/oracle-summary.mjs reading these reports.
  const ok = results.filter((r) => r.outcome.ok).length;
  process.stdout.write(`\noracle on PostgreSQL ${serverMajor()}, shard ${shard + 1} of ${shards}: ${ok}/${results.length} transitions with every step ok\n`);
  mkdirSync(join(REPO_ROOT, '.schema'), { recursive: true });
  writeFileSync(join(REPO_ROOT, '.schema', `oracle-report-${serverMajor()}-${shard}.json`), JSON.stringify(results, null, 2));
});

describe.each(cases)('$id', (c) => {
  const directions = [
    ['forward', c.before, c.after, c.seed],
    ['reverse', c.after, c.before, ''],
  ] as const;
  it.each(directions)('%s', { timeout: 180_000 }, async (direction, from, to, seed) => {
    const id = `${c.id} ${direction}`;
    const outcome = await runTransition(c, from, to, seed);
    results.push({ id, kind: c.kind, direction, outcome });
    const gap = known[id];
    if (gap === undefined) expect(outcome.ok, `${id}: ${outcome.failed}\n${outcome.detail}`).toBe(true);
    else expect(outcome.ok, `${id} is listed in known-gaps.json (${gap}) but passes now: take it off the list`).toBe(false);
  });
});
}
