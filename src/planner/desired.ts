/**
 * The desired Catalog: the spec rendered as DDL, run on a shadow database, introspected, so Postgres
 * itself normalizes types, defaults and expressions. Cached by the hash of everything it depends on.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { emptyCatalog, introspect, normalizeCatalog, type Catalog } from '../catalog/index.js';
import { buildPlan, type PlanInputs, type PlanOptions } from '../plan/index.js';
import type { Preset } from '../presets/index.js';
import { runSteps, StepFailedError, type ShadowProvider } from '../shadow/index.js';
import type { LoadedSpec } from '../spec/types.js';
import { InputError, type Finding } from '../util/findings.js';
import { VERSION } from '../version.js';
import { positionOfObject } from './positions.js';
import { prepareShadow } from './prepare-shadow.js';
import { incrementalWork, mergeIncremental } from './incremental.js';
import { readCacheJson, writeCacheFiles } from './cache-files.js';

export interface DesiredInputs {
  readonly loaded: LoadedSpec;
  readonly draft: Catalog;
  readonly inputs: PlanInputs;
  readonly preset: Preset;
  readonly options: PlanOptions;
  readonly serverMajor: number;
  readonly cacheDir?: string;
}

/** Bumped when the layout of cache entries changes. */
const CACHE_FORMAT = 2;

export function desiredCacheKey(d: DesiredInputs): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ v: VERSION, format: CACHE_FORMAT, preset: d.preset.name, major: d.serverMajor, draft: d.draft, inputs: d.inputs }));
  return hash.digest('hex').slice(0, 32);
}

export interface DesiredResult {
  readonly catalog: Catalog;
  readonly cached: boolean;
  /** When only some objects were normalized: how many. */
  readonly incremental?: number;
}

export async function desiredCatalog(d: DesiredInputs, provider: () => Promise<ShadowProvider>): Promise<DesiredResult> {
  const key = desiredCacheKey(d);
  const cache = d.cacheDir ? desiredCache(d.cacheDir) : undefined;
  const hit = cache?.read(key);
  if (hit) return { catalog: hit.catalog, cached: true };

  const previous = cache?.latest(baseKey(d));
  const work = previous ? incrementalWork(previous.draft, d.draft) : undefined;
  const normalized = await normalizeOnShadow(d, work?.draft ?? d.draft, provider);
  const catalog = work && previous ? normalizeCatalog(mergeIncremental(previous.catalog, normalized, work.roots)) : normalized;
  cache?.write(key, baseKey(d), { draft: d.draft, catalog });
  return { catalog, cached: false, incremental: work ? work.roots.length : undefined };
}

/** Runs a draft on a fresh shadow and reads it back. */
async function normalizeOnShadow(d: DesiredInputs, draft: Catalog, provider: () => Promise<ShadowProvider>): Promise<Catalog> {
  const shadows = await provider();
  const shadow = await shadows.create();
  try {
    await prepareShadow(shadow.db, d.preset, d.inputs, shadows.privateServer);
    const plan = buildPlan(emptyCatalog(), draft, d.inputs, d.options);
    try {
      await runSteps(shadow.db, plan.forward);
    } catch (error) {
      if (error instanceof StepFailedError) throw shadowError(d.loaded, error);
      throw error;
    }
    return await introspect(shadow.db, { schemas: d.inputs.managedSchemas, extensions: d.inputs.extensions });
  } finally {
    await shadow.dispose();
  }
}

/** What an incremental run must share with the previous one: everything but the draft. */
function baseKey(d: DesiredInputs): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ v: VERSION, format: CACHE_FORMAT, preset: d.preset.name, major: d.serverMajor, inputs: d.inputs }));
  return hash.digest('hex').slice(0, 32);
}

interface CacheEntry {
  readonly draft: Catalog;
  readonly catalog: Catalog;
}

const KEEP = 3;

function desiredCache(dir: string) {
  const entryName = (key: string): string => `desired-${key}.json`;
  // The latest entry per base is a pointer to its keyed entry, so a large catalog is written once.
  const latestName = (base: string): string => `desired-latest-${base}.json`;
  const read = (key: string): CacheEntry | undefined => {
    const entry = readCacheJson<Partial<CacheEntry>>(join(dir, entryName(key)));
    return entry?.catalog && entry.draft ? (entry as CacheEntry) : undefined; // an entry of another layout is rebuilt
  };
  return {
    read,
    latest(base: string): CacheEntry | undefined {
      const pointer = readCacheJson<{ key?: unknown }>(join(dir, latestName(base)));
      return typeof pointer?.key === 'string' ? read(pointer.key) : undefined;
    },
    write(key: string, base: string, entry: CacheEntry): void {
      const files = { [entryName(key)]: JSON.stringify(entry), [latestName(base)]: JSON.stringify({ key }) };
      writeCacheFiles(dir, files, 'desired-', KEEP * 2);
    },
  };
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
