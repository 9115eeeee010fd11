/** The scenario format is strict: a typo in a scenario fails loudly instead of testing nothing. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, loadScenarios } from './load.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function scenario(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'scenario-load-'));
  const dir = join(root, 's');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('scenario loader', () => {
  it('orders steps numerically and reads expectations with their defaults', () => {
    const dir = scenario({
      'step10/schema/a.yaml': 'tables: {}\n',
      'step2/schema/a.yaml': 'tables: {}\n',
      'step2/before.sql': 'SELECT 1;\n',
      'step2/expect.yaml': 'exit: 1\nstderr: refused\nhazards: [rewrites-table, deletes-data]\n',
    });
    const s = loadScenario(dir, 's');
    expect(s.steps.map((step) => step.name)).toEqual(['step2', 'step10']);
    expect(s.steps[0]!.before).toBe('SELECT 1;\n');
    expect(s.steps[0]!.expect).toMatchObject({ exit: 1, stderr: ['refused'], hazards: ['deletes-data', 'rewrites-table'], rollback: false });
    expect(s.steps[1]!.expect).toMatchObject({ exit: 0, changes: true, checks: [] });
    expect(s.platform).toBe('supabase');
  });

  it('refuses an unknown key in expect.yaml, naming the file', () => {
    const dir = scenario({ 'step1/schema/a.yaml': '', 'step1/expect.yaml': 'exits: 1\n' });
    expect(() => loadScenario(dir, 's')).toThrow(/step1\/expect\.yaml: unknown key "exits"/);
  });

  it('refuses a data check without rows', () => {
    const dir = scenario({ 'step1/schema/a.yaml': '', 'step1/expect.yaml': 'checks: [{ sql: SELECT 1 }]\n' });
    expect(() => loadScenario(dir, 's')).toThrow(/checks\[0\] must be/);
  });

  it('refuses a step without schema/ and a filter naming no scenario', () => {
    const dir = scenario({ 'step1/expect.yaml': '' });
    expect(() => loadScenario(dir, 's')).toThrow(/needs a schema\/ directory/);
    expect(() => loadScenarios(root!, 'nope')).toThrow(/SCENARIO names no scenario: nope/);
  });
});
