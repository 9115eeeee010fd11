/** The spec side of `plan`: load, validate (shape, references, checklist) and turn into a draft Catalog. */
import { createHash } from 'node:crypto';
import type { Catalog } from '../catalog/index.js';
import type { Config } from '../config/index.js';
import type { PlanInputs } from '../plan/index.js';
import type { LoadedSpec } from '../spec/types.js';
import { readSpecCache, specCacheKey, writeSpecCache } from './spec-cache.js';
import type { CheckedSpec, FreshSpec } from './spec-types.js';

export type { CheckedSpec, FreshSpec } from './spec-types.js';
import { formatFinding, InputError, type Finding } from '../util/findings.js';


/** Hash of a draft Catalog's JSON. */
const draftKeyOf = (draftJson: string): string => createHash('sha256').update(draftJson).digest('hex').slice(0, 32);

/** Loads and checks the spec; with `cacheDir`, an unchanged spec is read back from the cache. */
export async function loadAndCheckSpec(dir: string, config: Config, cacheDir?: string): Promise<CheckedSpec> {
  const key = cacheDir ? specCacheKey(dir, config) : undefined;
  if (cacheDir && key) {
    const cached = readSpecCache(cacheDir, key, () => loadYaml(dir, cacheDir), () => checkSpec(dir, config, cacheDir));
    if (cached) return cached;
  }
  const fresh = await checkSpec(dir, config, cacheDir);
  // Serialized once: for the key, and for the cache.
  const draftJson = JSON.stringify(fresh.draft);
  const checked: CheckedSpec = {
    findings: fresh.findings,
    inputs: fresh.inputs,
    draftKey: draftKeyOf(draftJson),
    loaded: async () => fresh.loaded,
    draft: async () => fresh.draft,
  };
  if (cacheDir && key) writeSpecCache(cacheDir, key, checked, draftJson);
  return checked;
}


/** Reads the YAML with positions, unchanged files from the parse cache. */
async function loadYaml(dir: string, cacheDir?: string): Promise<LoadedSpec> {
  const [{ loadSpec }, { openParseCache }] = await Promise.all([import('../spec/index.js'), import('./parse-cache.js')]);
  const parsed = cacheDir ? openParseCache(cacheDir) : undefined;
  const loaded = await loadSpec(dir, { parsed });
  parsed?.save();
  return loaded;
}

/**
 * Parses and validates the YAML (files unchanged since an earlier run are not parsed again). The
 * parser and the rules load only here, when the spec cache cannot answer.
 */
async function checkSpec(dir: string, config: Config, cacheDir?: string): Promise<FreshSpec> {
  const [{ toCatalog }, { validateSpec }] = await Promise.all([import('../spec/index.js'), import('../rules/index.js')]);
  const loaded = await loadYaml(dir, cacheDir);
  const { errors, findings } = validateSpec(loaded, config);
  if (errors.length > 0) throw new InputError('the spec is invalid; fix it and plan again', errors);
  const { catalog, inputs } = toCatalog(loaded.spec, { preset: config.preset });
  return { loaded, findings, draft: catalog, inputs };
}

/**
 * Every SQL rule on the generated files; an error is a planner bug. Warnings follow from the spec
 * itself (a jsonb column declared without a default), which `validate` already reports on its line.
 */
export async function selfCheckGeneratedSql(files: readonly { path: string; sql: string }[], config: Config): Promise<string[]> {
  const { checkGeneratedSql } = await import('../rules/index.js');
  return files.flatMap((file) =>
    checkGeneratedSql(file.path, file.sql, { exposedSchemas: config.exposed_schemas })
      .filter((finding) => finding.severity === 'error')
      .map(formatFinding),
  );
}
