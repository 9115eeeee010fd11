/** Validation of identity options, constraint triggers and composite types (`types:`). */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/index.js';
import { validateSpec } from '../../src/rules/index.js';
import { toCatalog } from '../../src/spec/to-catalog.js';
import { inputError, specDir } from './helpers.js';

const CONFIG = { exposed_schemas: ['public'] };

async function errorsOf(yaml: string) {
  const dir = specDir({ 'x.yaml': yaml });
  return validateSpec(await loadSpec(dir), CONFIG).errors.map((e) => [e.line, e.code, e.message]);
}

describe('identity options, constraint triggers, composite types in the spec', () => {
  it('rejects identity options no sequence can have, and a constraint trigger that is not an after row trigger', async () => {
    const errors = await errorsOf(`tables:
  t:
    columns:
      a: { type: integer, identity: { generated: always, start: 5, min: 10 } }
      b: { type: bigint, identity: { generated: by default, increment: 0 } }
      c: { type: integer, identity: { generated: always, start: 100, increment: 10, cache: 5 } }
    triggers:
      g: { before: insert, function: f, constraint: true }
functions:
  f: { returns: trigger, body: "BEGIN RETURN NEW; END;" }
`);
    expect(errors).toEqual([
      [4, 'invalid-column', 'identity start (5) must be between min (10) and max (2147483647)'],
      [5, 'invalid-column', 'an identity increment cannot be 0'],
      [8, 'invalid-trigger', 'a constraint trigger must be an `after` row trigger'],
    ]);
  });

  it('checks the identity long form and the types: section against the JSON Schema (file:line:col)', async () => {
    const dir = specDir({ 'x.yaml': 'types:\n  address:\n    attributes: { street: text }\n    colour: red\ntables:\n  t:\n    columns:\n      a: { type: integer, identity: { start: 1 } }\n' });
    const error = await inputError(() => loadSpec(dir));
    expect(error.findings.map((f) => [f.line, f.code])).toEqual([
      [4, expect.any(String)],
      [8, expect.any(String)],
    ]);
  });

  it('puts a column of a spec composite type on the quoted type, and the options on the column', async () => {
    const dir = specDir({
      'x.yaml': `types:
  address: { attributes: { street: text, postcode: varchar(12) }, comment: a postal address }
tables:
  t:
    columns:
      id: { type: integer, primary_key: true, identity: { generated: always, start: 100, increment: 10 } }
      home: { type: address }
`,
    });
    const loaded = await loadSpec(dir);
    expect(validateSpec(loaded, CONFIG).errors).toEqual([]);
    const { catalog } = toCatalog(loaded.spec, { preset: 'none' });
    expect(catalog.composites?.['public.address']).toEqual({ schema: 'public', name: 'address', attributes: [{ name: 'street', type: 'text' }, { name: 'postcode', type: 'varchar(12)' }], comment: 'a postal address' });
    const t = catalog.tables['public.t']!;
    expect(t.columns.find((c) => c.name === 'id')).toMatchObject({ identity: 'always', identityOptions: { increment: '10', start: '100' } });
    expect(t.columns.find((c) => c.name === 'home')?.type).toBe('public.address');
  });
});
