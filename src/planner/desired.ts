/**
 * The desired Catalog: the spec rendered as DDL, run on a shadow database, introspected, so Postgres
 * itself normalizes types, defaults and expressions. Cached by the hash of everything it depends on.
 */
import { scopeOf } from './live.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { catalogFingerprint, emptyCatalog, introspect, normalizeCatalog, type Catalog } from '../catalog/index.js';
import { buildPlan, type PlanInputs, type PlanOptions } from '../plan/index.js';
import type { Preset } from '../presets/index.js';
import { runSteps, StepFailedError, type ShadowProvider } from '../shadow/index.js';
import type { LoadedSpec } from '../spec/types.js';
import { InputError, type Finding } from '../util/findings.js';
import { codeVersion } from '../version.js';
import { withSequenceUsage } from '../catalog/sequence-usage.js';
import { positionOfObject } from './positions.js';
import { prepareShadow } from './prepare-shadow.js';
import { incrementalWork, mergeIncremental } from './incremental.js';
import { readCacheJson, writeCacheFiles } from './cache-files.js';

export interface DesiredInputs {
  /** The spec with positions (to map a Postgres error back to its YAML), read only on a cache miss. */
  readonly loaded: () => Promise<LoadedSpec>;
  readonly draft: () => Promise<Catalog>;
  /** Hash of the draft, so a cache hit needs neither the draft nor the spec. */
  readonly draftKey: string;
  readonly inputs: PlanInputs;
  readonly preset: Preset;
  readonly options: PlanOptions;
  readonly serverMajor: number;
  readonly cacheDir?: string;
}

/** Bumped when the layout of cache entries changes (the build id covers changes of the code). */
const CACHE_FORMAT = 5;

export function desiredCacheKey(d: DesiredInputs, code: string = codeVersion()): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ v: code, format: CACHE_FORMAT, preset: d.preset.name, major: d.serverMajor, draft: d.draftKey, inputs: d.inputs }));
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
  // The USAGE implied by table grants is added on every read, never cached: an incremental run
  // re-reads only the tables that changed, and their sequences may not be among them.
  if (hit) return { catalog: withSequenceUsage(hit, d.inputs.withoutImpliedUsage), cached: true };

  const draft = await d.draft();
  const previous = cache?.latest(baseKey(d));
  const work = previous ? incrementalWork(previous.draft, draft) : undefined;
  const normalized = await normalizeOnShadow(d, work?.draft ?? draft, provider);
  const catalog = work && previous ? normalizeCatalog(mergeIncremental(previous.catalog, normalized, work.roots)) : normalized;
  cache?.write(key, baseKey(d), { draft, catalog });
  return { catalog: withSequenceUsage(catalog, d.inputs.withoutImpliedUsage), cached: false, incremental: work ? work.roots.length : undefined };
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
      if (error instanceof StepFailedError) throw shadowError(await d.loaded(), error);
      throw error;
    }
    return await introspect(shadow.db, scopeOf(d.inputs));
  } finally {
    shadows.retire(shadow);
  }
}

/** What an incremental run must share with the previous one: everything but the draft. */
function baseKey(d: DesiredInputs): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ v: codeVersion(), format: CACHE_FORMAT, preset: d.preset.name, major: d.serverMajor, inputs: d.inputs }));
  return hash.digest('hex').slice(0, 32);
}

interface CacheEntry {
  readonly draft: Catalog;
  readonly catalog: Catalog;
}

const KEEP = 3;
const FILES_PER_ENTRY = 4;

/**
 * Entries are the normalized catalog (`desired-KEY.json`, all a cache hit reads), its fingerprint
 * (`desired-KEY.sum.json`), and the draft it came from (`desired-KEY.draft.json`, read only as the
 * base of an incremental run); the latest entry per base is a pointer to its key, so a large
 * catalog is written once.
 */
function desiredCache(dir: string) {
  const entryName = (key: string): string => `desired-${key}.json`;
  const draftName = (key: string): string => `desired-${key}.draft.json`;
  const latestName = (base: string): string => `desired-latest-${base}.json`;
  const sumName = (key: string): string => `desired-${key}.sum.json`;
  const read = (key: string): Catalog | undefined => {
    const entry = readCacheJson<{ catalog?: Catalog }>(join(dir, entryName(key)));
    return entry?.catalog; // an entry of another layout is rebuilt
  };
  return {
    read,
    has: (key: string): boolean => existsSync(join(dir, entryName(key))),
    /** The catalogFingerprint of an entry, read without the catalog itself. */
    fingerprint(key: string): string | undefined {
      const sum = readCacheJson<{ fingerprint?: unknown }>(join(dir, sumName(key)));
      return typeof sum?.fingerprint === 'string' ? sum.fingerprint : undefined;
    },
    latest(base: string): CacheEntry | undefined {
      const pointer = readCacheJson<{ key?: unknown }>(join(dir, latestName(base)));
      if (typeof pointer?.key !== 'string') return undefined;
      const draft = readCacheJson<Catalog>(join(dir, draftName(pointer.key)));
      const catalog = draft && read(pointer.key);
      return draft && catalog ? { draft, catalog } : undefined;
    },
    write(key: string, base: string, entry: CacheEntry): void {
      const files = {
        [draftName(key)]: JSON.stringify(entry.draft),
        [entryName(key)]: JSON.stringify({ catalog: entry.catalog }),
        // After the catalog: a fingerprint is only found once its catalog is in place.
        [sumName(key)]: JSON.stringify({ fingerprint: catalogFingerprint(entry.catalog) }),
        [latestName(base)]: JSON.stringify({ key }),
      };
      writeCacheFiles(dir, files, 'desired-', KEEP * FILES_PER_ENTRY);
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

/** Whether the desired Catalog of these inputs is in the cache (a plan then needs no shadow to normalize). */
export function desiredIsCached(d: DesiredInputs): boolean {
  return d.cacheDir !== undefined && desiredCache(d.cacheDir).has(desiredCacheKey(d));
}

/**
 * Whether a live Catalog (in canonical order) is the cached desired state, compared by fingerprint:
 * the cached catalog itself is not read.
 */
export function liveIsDesired(live: Catalog, d: DesiredInputs): boolean {
  const known = d.cacheDir ? desiredCache(d.cacheDir).fingerprint(desiredCacheKey(d)) : undefined;
  return known !== undefined && catalogFingerprint(live) === known;
}
