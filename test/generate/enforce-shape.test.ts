/**
 * `enforce_shape: true` on a table with 2,000 rows: the plan adds the shape's CHECK NOT VALID, then
 * VALIDATE alone, while a reader keeps reading; the server then refuses values that break the shape
 * (missing required key, wrong type, fraction for an integer, not an object) and takes those that
 * match; the rollback drops exactly that constraint. Judged by pg_constraint.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { shapeCheckExpression } from '../../src/spec/shape-check.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let work: string;
let target: TestDatabase;
const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-enforce-shape-'));
  cpSync(join(import.meta.dirname, 'data-fixture'), work, { recursive: true });
  target = await freshDatabase('enforce_shape');
  await target.db.exec(supabasePresetSql());
  expect((await cli(['plan', '--name', 'docs'])).code).toBe(0);
  expect((await cli(['apply'])).code).toBe(0);
  await target.db.exec(`INSERT INTO app.docs (body) SELECT jsonb_build_object('title', 'doc ' || g, 'pages', g) FROM generate_series(1, 2000) AS g`);
});

afterAll(async () => {
  await target?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const constraint = async (): Promise<{ convalidated: boolean; def: string }[]> =>
  target.db.query(`SELECT convalidated, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'docs_body_shape' AND conrelid = 'app.docs'::regclass`);

describe('enforce_shape', () => {
  it('renders the shape as plain SQL', () => {
    expect(shapeCheckExpression('body', 'jsonb', { type: 'object', required: ['title'], properties: { title: { type: 'string' } }, additionalProperties: false })).toBe(
      `(jsonb_typeof(body) = 'object') AND (jsonb_typeof(body) <> 'object' OR ((body ?& ARRAY['title']::text[]) AND (NOT body ? 'title' OR (jsonb_typeof((body -> 'title')) = 'string')) AND ((body - ARRAY['title']::text[]) = '{}'::jsonb)))`,
    );
  });

  it('is added NOT VALID then validated on a table with rows, without blocking a reader', async () => {
    const file = join(work, 'schema', 'app.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('        not_null: true\n        default: { title: untitled }', '        not_null: true\n        enforce_shape: true\n        default: { title: untitled }'));
    const plan = await cli(['plan', '--name', 'enforce docs shape']);
    expect(plan.code, plan.stderr).toBe(0);
    const forward = readFileSync(join(work, 'generated-migrations', readdirSync(join(work, 'generated-migrations')).find((f) => f.startsWith('002_'))!), 'utf8');
    expect(forward).toMatch(/ADD CONSTRAINT docs_body_shape CHECK \(jsonb_typeof\(body\)[\s\S]*\) NOT VALID;/);
    expect(forward).toContain('ALTER TABLE app.docs VALIDATE CONSTRAINT docs_body_shape');
    expect((await cli(['lint', 'generated-migrations'])).code).toBe(0);

    const reader = connect(target.url);
    let reads = 0;
    let stop = false;
    const reading = (async () => {
      while (!stop) {
        await reader.query(`SELECT count(*) FROM app.docs WHERE body ->> 'title' LIKE 'doc 1%'`);
        reads++;
      }
    })();
    const apply = await cli(['apply']);
    stop = true;
    await reading;
    await reader.close();
    expect(apply.code, apply.stderr).toBe(0);
    expect(reads).toBeGreaterThan(0);
    const [c] = await constraint();
    expect(c?.convalidated).toBe(true);
    expect(c?.def).toContain('jsonb_typeof(body)');
    const [{ n }] = (await target.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app.docs`)) as [{ n: number }];
    expect(n).toBe(2000);
  });

  it('makes the server refuse values that break the shape and take those that match', async () => {
    const insert = async (json: string): Promise<string> => {
      try {
        await target.db.query(`INSERT INTO app.docs (body) VALUES ($1::text::jsonb)`, [json]);
        return 'ok';
      } catch (error) {
        return String((error as { code?: string }).code);
      }
    };
    const results = await Promise.all(
      ['{"pages": 2}', '{"title": 5}', '{"title": "a", "pages": "x"}', '{"title": "a", "pages": 1.5}', '["title"]', '{"title": "a"}', '{"title": "a", "pages": 2, "extra": true}'].map(insert),
    );
    expect(results).toEqual(['23514', '23514', '23514', '23514', '23514', 'ok', 'ok']);
  });

  it('rolls back to exactly the table without the constraint', async () => {
    const rollback = await cli(['apply', '--rollback', '2']);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(await constraint()).toEqual([]);
    const others = await target.db.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'app.docs'::regclass ORDER BY conname`);
    expect(others).toEqual([{ conname: 'docs_pkey' }]);
  });
});
