/**
 * `schema test`: the spec's access tests on a shadow holding the desired state, or (`--emit pgtap`)
 * the same cases written as pgTAP files, with no database at all.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessCases, accessFinding, pgtapFile, pgtapFileName, type AccessResult } from '../access/index.js';
import type { Config } from '../config/index.js';
import { connect } from '../db/index.js';
import type { PlanOptions } from '../plan/index.js';
import { presetNamed } from '../presets/index.js';
import { lazyShadowProvider } from '../shadow/index.js';
import { positionOf } from '../spec/positions.js';
import type { Finding } from '../util/findings.js';
import { runAccessTestsOnShadow } from './access-tests.js';
import { desiredCatalog } from './desired.js';
import { TARGET_CONNECTIONS } from './live.js';
import { loadAndCheckSpec } from './spec-input.js';

export interface RunTestOptions {
  readonly cwd: string;
  readonly config: Config;
  readonly schemaDir: string;
  readonly dbUrl: string;
  readonly embedded: boolean;
  readonly shadowUrl?: string;
}

export interface TestReport {
  readonly results: readonly AccessResult[];
  readonly failures: readonly Finding[];
}

export async function runAccessTestCommand(o: RunTestOptions): Promise<TestReport> {
  const checked = await loadAndCheckSpec(o.schemaDir, o.config, join(o.cwd, '.schema', 'cache'));
  const loaded = await checked.loaded();
  if (accessCases(loaded.spec).length === 0) return { results: [], failures: [] };
  const options: PlanOptions = { lockTimeout: o.config.lock_timeout, statementTimeout: o.config.statement_timeout, targetVersion: o.config.target_version };
  const preset = presetNamed(o.config.preset);
  const db = connect(o.dbUrl, { max: TARGET_CONNECTIONS });
  let major = 0;
  const shadows = lazyShadowProvider(() => ({ shadowUrl: o.shadowUrl ?? o.config.shadow_url, target: db, targetIsEmbedded: o.embedded, root: o.cwd, targetMajor: major }));
  try {
    major = Math.floor((await db.serverVersion()) / 10000);
    const desiredInputs = { ...checked, preset, options, serverMajor: major, cacheDir: join(o.cwd, '.schema', 'cache') };
    const { catalog: desired } = await desiredCatalog(desiredInputs, shadows.get);
    const provider = await shadows.get();
    const results = await runAccessTestsOnShadow({ spec: loaded.spec, desired, inputs: checked.inputs, options, preset }, provider);
    return { results, failures: results.filter((r) => !r.passed).map((r) => accessFinding(loaded, r)) };
  } finally {
    await shadows.release();
    await db.close();
  }
}

/** Writes one pgTAP file per case into `dir`; returns the file names, sorted. */
export async function emitPgtap(o: Pick<RunTestOptions, 'config' | 'schemaDir'>, dir: string): Promise<string[]> {
  const checked = await loadAndCheckSpec(o.schemaDir, o.config);
  const loaded = await checked.loaded();
  const cases = accessCases(loaded.spec);
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (const c of cases) {
    const name = pgtapFileName(c);
    writeFileSync(join(dir, name), pgtapFile(c, positionOf(loaded, c.path)));
    names.push(name);
  }
  return names.sort();
}
