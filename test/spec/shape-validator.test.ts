/**
 * The validator compiled at build time (dist/spec/shape-validator.js, what the CLI loads) answers
 * exactly as the schema compiled at run time does, on the example spec and thousands of broken ones.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SPEC_JSON_SCHEMA } from '../../src/spec/json-schema.js';
import { AJV_OPTIONS } from '../../src/spec/shape-options.js';
import { loadSpec } from '../../src/spec/index.js';
import { rng } from '../corpus/generate.js';
import { REPO_ROOT } from '../helpers/cli.js';

const built = join(REPO_ROOT, 'dist', 'spec', 'shape-validator.js');
const VALUES: unknown[] = ['x', 1, true, null, [], {}, ['a'], { type: 'text' }, 'cascade', -5, 'select', 'auth.users'];

function mutate(value: unknown, r: () => number): unknown {
  const pick = (): unknown => structuredClone(VALUES[Math.floor(r() * VALUES.length)]);
  if (typeof value !== 'object' || value === null) return pick();
  const target = value as Record<string, unknown>;
  const keys = Object.keys(target);
  if (keys.length === 0 || r() < 0.2) {
    target[`k${Math.floor(r() * 3)}`] = pick();
    return target;
  }
  const key = keys[Math.floor(r() * keys.length)]!;
  target[key] = r() < 0.7 ? mutate(target[key], r) : pick();
  return target;
}

const errorsOf = (validate: ValidateFunction): string =>
  JSON.stringify((validate.errors ?? []).map((e) => [e.instancePath, e.keyword, e.message, e.params]));

describe('the precompiled spec validator', () => {
  it('is built with the package', () => {
    expect(existsSync(built), 'npm run build writes it').toBe(true);
  });

  it('gives the errors the run-time compiled schema gives', async () => {
    const precompiled = ((await import(pathToFileURL(built).href)) as { default: ValidateFunction }).default;
    const runtime = new Ajv2020(AJV_OPTIONS).compile(SPEC_JSON_SCHEMA);
    const base = (await loadSpec(join(REPO_ROOT, 'schema'))).spec;
    expect(precompiled(base)).toBe(true);
    const r = rng(11);
    let invalid = 0;
    for (let i = 0; i < 2000; i++) {
      const spec = mutate(structuredClone(base), r);
      const ok = precompiled(spec);
      expect(runtime(spec)).toBe(ok);
      expect(errorsOf(precompiled)).toBe(errorsOf(runtime));
      if (!ok) invalid++;
    }
    expect(invalid).toBeGreaterThan(1000);
  });
});
