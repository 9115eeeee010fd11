/**
 * Incremental normalization gives exactly the catalog a full normalization gives, for every kind
 * of edit a team makes between two plans.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogJson } from '../../src/catalog/index.js';
import { defaultConfig } from '../../src/cli/config.js';
import { desiredCacheKey, desiredCatalog } from '../../src/planner/desired.js';
import { loadAndCheckSpec } from '../../src/planner/spec-input.js';
import { presetNamed } from '../../src/presets/index.js';
import { serverShadowProvider } from '../../src/shadow/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { adminUrl, serverMajor } from '../helpers/db.js';

let root: string;
const options = { lockTimeout: '5s', statementTimeout: '1min', targetVersion: 14 };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'schema-incremental-'));
  cpSync(join(REPO_ROOT, 'schema'), join(root, 'schema'), { recursive: true });
  // Enough tables that one edit is a small part of the schema.
  const extra = Array.from(
    { length: 5 },
    (_, i) => `  extra_${i}:\n    columns:\n      id: { type: uuid, primary_key: true, default: gen_random_uuid() }\n      owner: { type: uuid, references: { table: profiles, on_delete: set null } }\n    rls: true\n    grants: { service_role: [all] }\n    policies:\n      extra_${i}_service: { for: all, to: service_role, using: "true" }\n`,
  ).join('');
  writeFileSync(join(root, 'schema', 'extra.yaml'), `tables:\n${extra}`);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function desiredInputs(cacheDir: string | undefined) {
  const checked = await loadAndCheckSpec(join(root, 'schema'), defaultConfig);
  return { ...checked, preset: presetNamed('supabase'), options, serverMajor: serverMajor(), cacheDir };
}

async function desired(cacheDir: string | undefined) {
  const provider = serverShadowProvider(adminUrl(), { privateServer: true });
  try {
    return await desiredCatalog(await desiredInputs(cacheDir), async () => provider);
  } finally {
    await provider.release();
  }
}

function edit(file: string, from: RegExp | string, to: string): void {
  const path = join(root, 'schema', file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next, `edit of ${file} did not apply`).not.toBe(text);
  writeFileSync(path, next);
}

describe('the desired-catalog cache', () => {
  it('ignores an entry of another layout instead of crashing on it', async () => {
    const cacheDir = join(root, 'cache-old-layout');
    mkdirSync(cacheDir, { recursive: true });
    const full = await desired(undefined);
    // An earlier layout stored the bare catalog under the key.
    writeFileSync(join(cacheDir, `desired-${desiredCacheKey(await desiredInputs(cacheDir))}.json`), JSON.stringify(full.catalog));
    const result = await desired(cacheDir);
    expect(result.cached).toBe(false);
    expect(catalogJson(result.catalog)).toBe(catalogJson(full.catalog));
  });
});

describe('incremental normalization', () => {
  it('matches a full normalization after each edit', async () => {
    const cacheDir = join(root, 'cache');
    await desired(cacheDir); // the full run that later ones build on
    const edits: [string, RegExp | string, string][] = [
      ['notifications.yaml', /(\n\s+)is_read:/, '$1archived_at: { type: timestamptz, default: now() }$1is_read:'],
      ['extra.yaml', 'extra_2_service: { for: all, to: service_role, using: "true" }', 'extra_2_service: { for: select, to: service_role, using: "owner IS NOT NULL" }'],
      // A new view over an existing table, then a view over that view (the tables and views they read come along).
      ['extra.yaml', /^tables:\n/, 'views:\n  extra_owned:\n    query: SELECT id, owner FROM extra_1 WHERE owner IS NOT NULL\ntables:\n'],
      ['extra.yaml', /^views:\n/, 'views:\n  extra_owned_ids:\n    query: SELECT id FROM extra_owned\n'],
      ['extra.yaml', /  extra_4:[\s\S]*$/, '  extra_5:\n    columns:\n      id: { type: bigint, identity: always, primary_key: true }\n      n: { type: serial }\n    rls: true\n    policies:\n      extra_5_all: { for: all, to: service_role, using: "true" }\n'],
    ];
    for (const [file, from, to] of edits) {
      edit(file, from, to);
      const incremental = await desired(cacheDir);
      expect(incremental.cached).toBe(false);
      expect(incremental.incremental, `${file}: expected an incremental run`).toBeGreaterThan(0);
      const full = await desired(undefined);
      expect(catalogJson(incremental.catalog)).toBe(catalogJson(full.catalog));
    }
  });
});
