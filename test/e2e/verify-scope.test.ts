/**
 * `plan` proves a change on the touched tables and their neighbours; when that subset lacks
 * something the migration needs at run time, it proves it on the whole schema instead.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

let work: string;
let target: TestDatabase;

const base = `schemas: { app: {} }
functions:
  app.log_touch:
    returns: trigger
    body: |
      BEGIN
        INSERT INTO app.audit (note) VALUES (TG_TABLE_NAME);
        RETURN NULL;
      END;
tables:
  app.audit:
    columns:
      id: { type: bigint, identity: always, primary_key: true }
      note: { type: text, not_null: true }
  app.spare_one:
    columns:
      id: { type: uuid, primary_key: true }
  app.spare_two:
    columns:
      id: { type: uuid, primary_key: true }
  app.items:
    columns:
      id: { type: uuid, primary_key: true }
      title: { type: text }
__EXTRA__    triggers:
      items_touch: { after: update, for_each: statement, function: app.log_touch }
`;

function writeSpec(extra: string): void {
  mkdirSync(join(work, 'schema'), { recursive: true });
  writeFileSync(join(work, 'schema', 'app.yaml'), base.replace('__EXTRA__', extra));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-verify-'));
  target = await freshDatabase('verify');
  await target.db.exec(supabasePresetSql());
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });

describe('verification scope', () => {
  it('proves a one-table change on the touched objects', async () => {
    writeSpec('');
    expect((await cli(['plan', '--name', 'base'])).code).toBe(0);
    expect((await cli(['apply'])).code).toBe(0);
    writeSpec('      subtitle: { type: text }\n');
    const plan = await cli(['plan', '--name', 'subtitle']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toMatch(/verify \(1 touched objects\): rollback/);
    expect(plan.stderr).not.toContain('verifying the whole schema');
    expect((await cli(['apply'])).code).toBe(0);
  });

  it('falls back to the whole schema when the subset cannot run the migration', async () => {
    // The backfill expression reads app.audit, which is neither referenced by nor referencing
    // app.items: only the whole schema has it.
    writeSpec('      subtitle: { type: text }\n      rank: { type: integer, not_null: true, backfill: "(SELECT count(*)::int FROM app.audit)" }\n');
    const plan = await cli(['plan', '--name', 'rank', '--allow-hazard', 'breaks-clients']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toContain('verifying the whole schema');
    expect((await cli(['apply'])).code).toBe(0);
    // The backfill fires none of the table's UPDATE triggers (here a statement trigger writing to app.audit).
    const rows = await target.db.query(`SELECT count(*)::int AS n FROM app.audit`);
    expect(rows[0]!['n']).toBe(0);
  });
});
