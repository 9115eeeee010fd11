/** A wrong `shape:` is an input error at its YAML line (exit 2, no stack trace), found by `schema validate`. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function specDir(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'schema-shape-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'schema'));
  writeFileSync(join(dir, 'schema', 'app.yaml'), yaml);
  return dir;
}

describe('shape validation', () => {
  it('reports each semantic problem at its line', async () => {
    const dir = specDir(`schemas:
  app: {}
tables:
  app.items:
    columns:
      id: { type: bigint, primary_key: true }
      name: { type: text, shape: { type: string } }
      data:
        type: jsonb
        default: { size: big }
        shape:
          type: object
          renamed_from: old
          required: [size, colour]
          properties:
            size: { type: integer, default: large }
      flags: { type: jsonb, enforce_shape: true }
`);
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const lines = r.stderr.split('\n').filter((l) => l.includes(' error '));
    expect(lines).toEqual([
      'schema/app.yaml:7:27 error invalid-shape: a shape describes json/jsonb values; this column is text',
      "schema/app.yaml:10:9 error invalid-default: the default does not match the column's shape ((the value): must have required property 'colour')",
      'schema/app.yaml:13:11 error invalid-shape: `renamed_from` belongs on a property of the shape, not on the shape itself',
      'schema/app.yaml:14:11 error invalid-shape: required property "colour" is not among the properties',
      'schema/app.yaml:16:36 error invalid-shape: the default of property "size" does not match its shape ((the value): must be integer)',
      'schema/app.yaml:17:29 error invalid-shape: `enforce_shape` needs a `shape` to enforce',
    ]);
  });

  it('checks the shape keys themselves against the JSON Schema', async () => {
    const dir = specDir(`tables:
  items:
    columns:
      id: { type: bigint, primary_key: true }
      data: { type: jsonb, shape: { type: objekt, propertys: {} } }
    rls: true
    policies:
      items_all: { for: select, to: authenticated, using: "true" }
`);
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('schema/app.yaml:5:37 error invalid-value: "tables.items.columns.data.shape.type" must be one of "object", "array", "string", "number", "integer", "boolean", "null" or a list');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
