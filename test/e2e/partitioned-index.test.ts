/**
 * An index added to an existing partitioned table that holds rows, with a writer inserting all
 * along: the parent's index is created ON ONLY, each partition (a sub-partitioned one included)
 * builds its own concurrently and is attached, so the parent's index ends valid, no table is
 * rewritten, and the writer is never refused. Rollback drops it all; apply builds it again.
 * Judged by pg_index, pg_inherits and relfilenode, not by the project's catalog.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/index.js';
import { runCli } from '../helpers/cli.js';
import { freshDatabase, type TestDatabase } from '../helpers/db.js';

const partition = (name: string, bound: string, extra = ''): string => `
  ${name}:
    columns: {}
    partition_of: { table: measurements, bound: "${bound}" }${extra}
    rls: true
    policies: { m_read: { for: select, to: service_role, using: "true" } }
    grants: { service_role: [select] }`;

function spec(withIndex: boolean): string {
  return `tables:
  measurements:
    columns:
      id: { type: bigint, not_null: true }
      region: { type: text, not_null: true }
      logdate: { type: date, not_null: true }
      value: { type: integer }
    primary_key: [id, logdate, region]
    partition_by: RANGE (logdate)${withIndex ? '\n    indexes:\n      - { columns: [value] }' : ''}
    rls: true
    policies: { m_read: { for: select, to: service_role, using: "true" } }
    grants: { service_role: [select] }
${partition('measurements_2024', "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")}
${partition('measurements_2025', "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')", '\n    partition_by: LIST (region)')}
  measurements_2025_eu:
    columns: {}
    partition_of: { table: measurements_2025, bound: "FOR VALUES IN ('eu')" }
    rls: true
    policies: { m_read: { for: select, to: service_role, using: "true" } }
    grants: { service_role: [select] }
  measurements_2025_us:
    columns: {}
    partition_of: { table: measurements_2025, bound: "FOR VALUES IN ('us')" }
    rls: true
    policies: { m_read: { for: select, to: service_role, using: "true" } }
    grants: { service_role: [select] }
`;
}

let work: string;
let target: TestDatabase;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'schema-partidx-'));
  mkdirSync(join(work, 'schema'));
  target = await freshDatabase('partidx');
  await target.db.exec("DO $$ BEGIN CREATE ROLE service_role NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
});

afterAll(async () => {
  await target?.drop();
  rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { cwd: work, env: { DATABASE_URL: target.url } });
const writeSpec = (withIndex: boolean): void => writeFileSync(join(work, 'schema', 'measurements.yaml'), spec(withIndex));

async function indexes(): Promise<string[]> {
  const rows = await target.db.query<{ line: string }>(
    `SELECT c.relname || ' valid=' || i.indisvalid || ' parent=' || coalesce((SELECT p.relname FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhparent WHERE h.inhrelid = c.oid), '-') AS line
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname LIKE 'measurements%' AND NOT i.indisprimary ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

const relfilenodes = async (): Promise<string> =>
  JSON.stringify(await target.db.query(`SELECT relname, relfilenode FROM pg_class WHERE relname LIKE 'measurements%' AND relkind IN ('r', 'p') ORDER BY 1`));

describe('an index on an existing partitioned table', () => {
  it('is planned ON ONLY the parent, built concurrently on each partition and attached, while a writer inserts', async () => {
    writeSpec(false);
    const first = await cli(['plan', '--name', 'measurements']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect((await cli(['apply'])).code).toBe(0);
    await target.db.exec(
      `INSERT INTO measurements SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, date '2024-01-01' + (g % 700), g FROM generate_series(1, 6000) g`,
    );
    const before = await relfilenodes();

    writeSpec(true);
    const plan = await cli(['plan']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const file = readdirSync(join(work, 'generated-migrations')).find((f) => f.startsWith('002_'))!;
    const sql = readFileSync(join(work, 'generated-migrations', file), 'utf8');
    expect(sql).toContain('CREATE INDEX IF NOT EXISTS measurements_value_idx ON ONLY public.measurements (value)');
    expect(sql).toContain('CREATE INDEX IF NOT EXISTS measurements_2025_value_idx ON ONLY public.measurements_2025 (value)');
    for (const leaf of ['measurements_2024', 'measurements_2025_eu', 'measurements_2025_us']) {
      expect(sql).toContain(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${leaf}_value_idx ON public.${leaf} (value)`);
    }
    expect(sql).not.toMatch(/CREATE INDEX CONCURRENTLY[^;]* ON public\.measurements \(/);
    expect((await cli(['lint', 'generated-migrations'])).code).toBe(0);

    const writer = connect(target.url, { max: 1 });
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        await writer.query(`INSERT INTO measurements VALUES ($1, 'eu', date '2025-03-01', 1)`, [100_000 + written]);
        written++;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const apply = await cli(['apply']);
    writing = false;
    await writes;
    await writer.close();
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(written).toBeGreaterThan(0);

    expect(await indexes()).toEqual([
      'measurements_2024_value_idx valid=true parent=measurements_value_idx',
      'measurements_2025_eu_value_idx valid=true parent=measurements_2025_value_idx',
      'measurements_2025_us_value_idx valid=true parent=measurements_2025_value_idx',
      'measurements_2025_value_idx valid=true parent=measurements_value_idx',
      'measurements_value_idx valid=true parent=-',
    ]);
    expect(await relfilenodes()).toBe(before);
    const rows = await target.db.query<{ n: string }>('SELECT count(*)::text AS n FROM measurements');
    expect(Number(rows[0]!.n)).toBe(6000 + written);
    expect((await cli(['plan'])).stdout).toContain('No changes');
  }, 180_000);

  it('rolls back to no index at all, and applies again', async () => {
    expect((await cli(['apply', '--rollback', '002'])).code).toBe(0);
    expect(await indexes()).toEqual([]);
    expect((await cli(['apply'])).code).toBe(0);
    expect((await indexes()).filter((line) => line.includes('valid=true'))).toHaveLength(5);
  }, 120_000);
});
