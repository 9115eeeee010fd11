/**
 * The desired Catalog: the spec rendered as DDL, run on a shadow database, introspected, so Postgres
 * itself normalizes types, defaults and expressions. Cached by the hash of everything it depends on.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyCatalog, introspect, type Catalog } from '../catalog/index.js';
import { buildPlan, type PlanInputs, type PlanOptions } from '../plan/index.js';
import type { Preset } from '../presets/index.js';
import { runSteps, StepFailedError, type ShadowProvider } from '../shadow/index.js';
import type { LoadedSpec } from '../spec/types.js';
import { InputError, type Finding } from '../util/findings.js';
import { VERSION } from '../version.js';
import { positionOfObject } from './positions.js';
import { prepareShadow } from './prepare-shadow.js';

export interface DesiredInputs {
  readonly loaded: LoadedSpec;
  readonly draft: Catalog;
  readonly inputs: PlanInputs;
  readonly preset: Preset;
  readonly options: PlanOptions;
  readonly serverMajor: number;
  readonly cacheDir?: string;
}

export function desiredCacheKey(d: DesiredInputs): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ v: VERSION, preset: d.preset.name, major: d.serverMajor, draft: d.draft, inputs: d.inputs }));
  return hash.digest('hex').slice(0, 32);
}

export interface DesiredResult {
  readonly catalog: Catalog;
  readonly cached: boolean;
}

export async function desiredCatalog(d: DesiredInputs, provider: () => Promise<ShadowProvider>): Promise<DesiredResult> {
  const key = desiredCacheKey(d);
  const cacheFile = d.cacheDir ? join(d.cacheDir, `desired-${key}.json`) : undefined;
  if (cacheFile && existsSync(cacheFile)) {
    try {
      return { catalog: JSON.parse(readFileSync(cacheFile, 'utf8')) as Catalog, cached: true };
    } catch {
      // a corrupt cache entry is rebuilt below
    }
  }
  const shadows = await provider();
  const shadow = await shadows.create();
  try {
    await prepareShadow(shadow.db, d.preset, d.inputs, shadows.privateServer);
    const plan = buildPlan(emptyCatalog(), d.draft, d.inputs, d.options);
    try {
      await runSteps(shadow.db, plan.forward);
    } catch (error) {
      if (error instanceof StepFailedError) throw shadowError(d.loaded, error);
      throw error;
    }
    const catalog = await introspect(shadow.db, { schemas: d.inputs.managedSchemas, extensions: d.inputs.extensions });
    if (cacheFile && d.cacheDir) {
      mkdirSync(d.cacheDir, { recursive: true });
      writeFileSync(cacheFile, JSON.stringify(catalog));
    }
    return { catalog, cached: false };
  } finally {
    await shadow.dispose();
  }
}

/** A Postgres error while normalizing the spec, mapped back to the YAML that caused it. */
function shadowError(loaded: LoadedSpec, error: StepFailedError): InputError {
  const position = positionOfObject(loaded, error.step.object);
  const server = error.server;
  const detail = [server?.detail, server?.hint].filter(Boolean).join('; ');
  const finding: Finding = {
    ...position,
    severity: 'error',
    code: 'invalid-sql',
    message: `PostgreSQL rejected ${error.step.description}: ${server?.message ?? error.message}${detail ? ` (${detail})` : ''}`,
    fix: 'correct the SQL expression or type in this definition; it must be valid PostgreSQL',
  };
  return new InputError('the spec does not compile on PostgreSQL', [finding]);
}
