import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SPEC_JSON_SCHEMA, specReferenceMarkdown } from '../../src/spec/index.js';
import { REPO_ROOT } from '../helpers/cli.js';

/**
 * A schema's `properties` map: an object of schemas. (The `shape:` schema has a key named
 * `properties` too; the map of its keys is not itself a schema.)
 */
const propertyMap = (record: Record<string, unknown>): Record<string, Record<string, unknown>> | undefined => {
  const map = record['properties'];
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return undefined;
  return Object.values(map).every((v) => typeof v === 'object' && v !== null) ? (map as Record<string, Record<string, unknown>>) : undefined;
};

/** Every property schema (by path) found in the JSON Schema. */
function properties(node: unknown, path: string, out: [string, Record<string, unknown>][]): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    node.forEach((child, i) => properties(child, `${path}[${i}]`, out));
    return;
  }
  const record = node as Record<string, unknown>;
  const map = propertyMap(record);
  if (map) {
    for (const [key, value] of Object.entries(map)) out.push([`${path}.${key}`, value]);
  }
  for (const [key, value] of Object.entries(record)) properties(value, `${path}/${key}`, out);
}

describe('the shipped JSON Schema', () => {
  it('is schema.json at the package root, identical to the one the loader uses', () => {
    const shipped = JSON.parse(readFileSync(join(REPO_ROOT, 'schema.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(JSON.stringify(SPEC_JSON_SCHEMA)));
  });

  it('compiles with ajv (draft 2020-12) in strict mode', () => {
    const ajv = new Ajv2020({ strict: true, strictTypes: false, allowUnionTypes: true });
    expect(() => ajv.compile(SPEC_JSON_SCHEMA)).not.toThrow();
  });

  it('describes every key and rejects unknown ones', () => {
    const all: [string, Record<string, unknown>][] = [];
    properties(SPEC_JSON_SCHEMA, '', all);
    expect(all.length).toBeGreaterThan(80);
    const undocumented = all.filter(([, schema]) => typeof schema['description'] !== 'string' || (schema['description'] as string).length < 5).map(([p]) => p);
    expect(undocumented).toEqual([]);
    const objects: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (propertyMap(record)) objects.push(record);
      Object.values(record).forEach(walk);
    };
    walk(SPEC_JSON_SCHEMA);
    expect(objects.every((o) => o['additionalProperties'] === false)).toBe(true);
  });

  it('renders a Markdown reference naming every key', () => {
    const markdown = specReferenceMarkdown();
    const all: [string, Record<string, unknown>][] = [];
    properties(SPEC_JSON_SCHEMA, '', all);
    const keys = new Set(all.map(([path]) => path.slice(path.lastIndexOf('.') + 1)));
    for (const key of keys) expect(markdown).toContain(`| \`${key}\``);
    expect(markdown).toContain('## tables > columns > references');
  });
});
