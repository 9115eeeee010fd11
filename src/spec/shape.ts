/** Checks the merged spec against the JSON Schema and maps ajv's errors to positioned findings. */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Finding } from '../util/findings.js';
import { SPEC_JSON_SCHEMA } from './json-schema.js';
import { AJV_OPTIONS } from './shape-options.js';
import { positionOf } from './positions.js';
import type { LoadedSpec } from './types.js';
import { didYouMean } from './suggest.js';

/** Written by scripts/build-validator.mjs next to this module in dist/; absent when running from src. */
const PRECOMPILED = './shape-validator.js';

let compiled: Promise<ValidateFunction> | undefined;

/** The schema's validator: precompiled at build time (~5 ms to load), else compiled now (~140 ms). */
function validator(): Promise<ValidateFunction> {
  return (compiled ??= (async () => {
    try {
      const module = (await import(PRECOMPILED)) as { default: ValidateFunction };
      return module.default;
    } catch {
      const { Ajv2020 } = await import('ajv/dist/2020.js');
      return new Ajv2020(AJV_OPTIONS).compile(SPEC_JSON_SCHEMA);
    }
  })());
}

/** Shape errors of the merged spec, one finding per offending node. */
export async function checkShape(loaded: LoadedSpec): Promise<Finding[]> {
  const validate = await validator();
  if (validate(loaded.spec)) return [];
  return findingsFromErrors(loaded, validate.errors ?? []);
}

function segmentsOf(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const describe = (segments: readonly string[]): string => (segments.length === 0 ? 'the file' : `"${segments.join('.')}"`);

export function findingsFromErrors(loaded: LoadedSpec, errors: readonly ErrorObject[]): Finding[] {
  // Keep only the deepest failures: an error on a node whose descendant also failed is a summary.
  const relevant = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of relevant) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const paths = [...byPath.keys()];
  const findings: Finding[] = [];
  const summaries = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  for (const path of paths) {
    if (paths.some((other) => other !== path && other.startsWith(`${path}/`))) continue;
    const list = byPath.get(path)!;
    // A branch that got past the type check explains the failure better than the branches that did not.
    const structural = list.filter((e) => e.keyword !== 'type' && e.keyword !== 'const' && e.keyword !== 'enum');
    let chosen = structural.length > 0 ? structural : list;
    // `colums` -> "did you mean columns" already says that `columns` is missing.
    const suggested = new Set(
      chosen
        .filter((e) => e.keyword === 'additionalProperties')
        .map((e) => didYouMean(String((e.params as { additionalProperty: string }).additionalProperty), Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}))),
    );
    chosen = chosen.filter((e) => e.keyword !== 'required' || !suggested.has(String((e.params as { missingProperty: string }).missingProperty)));
    const summary = summaries.find((e) => e.instancePath === path);
    const segments = segmentsOf(path);
    const seen = new Set<string>();
    for (const finding of chosen.map((e) => toFinding(loaded, segments, e, list, summary))) {
      const key = `${finding.line}:${finding.col}:${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  return findings;
}

function toFinding(loaded: LoadedSpec, segments: readonly string[], e: ErrorObject, siblings: readonly ErrorObject[], summary?: ErrorObject): Finding {
  const base = { severity: 'error' as const };
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = didYouMean(key, allowed);
      const where = segments.length === 0 ? 'at the top level' : `in ${describe(segments)}`;
      return {
        ...base,
        ...positionOf(loaded, [...segments, key]),
        code: 'unknown-key',
        message: `unknown key "${key}" ${where}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        fix: suggestion ? `rename it to "${suggestion}"` : `use one of: ${allowed.join(', ')}`,
      };
    }
    case 'required': {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return { ...base, ...positionOf(loaded, segments), code: 'missing-key', message: `${describe(segments)} needs "${missing}"`, fix: `add \`${missing}:\`` };
    }
    case 'type':
    case 'const':
    case 'enum': {
      const expected = expectedOf(siblings);
      return {
        ...base,
        ...positionOf(loaded, segments),
        code: 'invalid-value',
        message: `${describe(segments)} must be ${expected}`,
        fix: expectedFix(summary ? [summary, ...siblings] : siblings),
      };
    }
    default:
      return { ...base, ...positionOf(loaded, segments), code: 'invalid-value', message: `${describe(segments)} ${e.message ?? 'is invalid'}`, fix: expectedFix(summary ? [summary, e] : [e]) };
  }
}

function expectedOf(errors: readonly ErrorObject[]): string {
  const parts = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'type') {
      const t = (e.params as { type: string | string[] }).type;
      for (const name of Array.isArray(t) ? t : [t]) parts.add(name === 'object' ? 'a map' : name === 'array' ? 'a list' : `a ${name}`);
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      parts.add(`one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
    } else if (e.keyword === 'const') {
      parts.add(JSON.stringify((e.params as { allowedValue: unknown }).allowedValue));
    }
  }
  return [...parts].join(' or ') || 'valid';
}

function expectedFix(errors: readonly ErrorObject[]): string {
  const described = errors.find((e) => typeof (e.parentSchema as { description?: string } | undefined)?.description === 'string');
  const text = (described?.parentSchema as { description?: string } | undefined)?.description;
  return text ? `expected: ${text}` : 'see schema.json for the expected shape';
}
