/** The spec side of `plan`: load, validate (shape, references, checklist) and turn into a draft Catalog. */
import type { Catalog } from '../catalog/index.js';
import type { Config } from '../cli/config.js';
import { toCatalog, type PlanInputs } from '../plan/index.js';
import { checkGeneratedSql } from '../rules/index.js';
import { loadSpec, validateSpec } from '../spec/index.js';
import type { LoadedSpec } from '../spec/types.js';
import { readSpecCache, specCacheKey, writeSpecCache } from './spec-cache.js';
import { formatFinding, InputError, type Finding } from '../util/findings.js';

export interface CheckedSpec {
  readonly loaded: LoadedSpec;
  /** Checklist findings on the YAML (reported with the plan). */
  readonly findings: readonly Finding[];
  readonly draft: Catalog;
  readonly inputs: PlanInputs;
}

/** Loads and checks the spec; with `cacheDir`, an unchanged spec is read back from the cache. */
export async function loadAndCheckSpec(dir: string, config: Config, cacheDir?: string): Promise<CheckedSpec> {
  const key = cacheDir ? specCacheKey(dir, config) : undefined;
  const cached = cacheDir && key ? readSpecCache(cacheDir, key) : undefined;
  if (cached) return cached;
  const loaded = await loadSpec(dir);
  const { errors, findings } = validateSpec(loaded, config);
  if (errors.length > 0) throw new InputError('the spec is invalid; fix it and plan again', errors);
  const { catalog, inputs } = toCatalog(loaded.spec, { preset: config.preset });
  const checked = { loaded, findings, draft: catalog, inputs };
  if (cacheDir && key) writeSpecCache(cacheDir, key, checked);
  return checked;
}

/**
 * Every SQL rule on the generated files; an error is a planner bug. Warnings follow from the spec
 * itself (a jsonb column declared without a default), which `validate` already reports on its line.
 */
export function selfCheckGeneratedSql(files: readonly { path: string; sql: string }[], config: Config): string[] {
  return files.flatMap((file) =>
    checkGeneratedSql(file.path, file.sql, { exposedSchemas: config.exposed_schemas })
      .filter((finding) => finding.severity === 'error')
      .map(formatFinding),
  );
}
