/**
 * timestamp -> timestamptz on a table with rows, under a session time zone that is not UTC: the
 * conversion reads the stored local values in UTC (or the column's `time_zone`), not in whatever
 * zone the session has; it is gated as the rewrite it is, not as deleting data; the rollback gives
 * the same local values back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project, type Project } from './project.js';

let p: Project;

const spec = (type: string) => `tables:
  events:
    columns:
      id: { type: bigint, primary_key: true }
      at: { type: ${type} }
      paris_at: { type: ${type}, time_zone: Europe/Paris }
    waive: { timestamptz: legacy columns before the change }
`;

beforeAll(async () => {
  p = await project('tszone');
  // Every session of the target (and of the plan's scratch database) reads local values in New York time.
  await p.target.db.exec(`ALTER DATABASE ${p.target.name} SET timezone TO 'America/New_York'`);
  await p.target.db.exec(`CREATE TABLE public.events (id bigint PRIMARY KEY, at timestamp, paris_at timestamp);
    INSERT INTO public.events SELECT g, timestamp '2024-01-01 12:00' + g * interval '1 hour', timestamp '2024-06-01 08:30' + g * interval '1 minute'
      FROM generate_series(1, 2000) g;`);
});

afterAll(async () => {
  await p?.remove();
});

describe('timestamp -> timestamptz', () => {
  it('is gated as rewrites-table, not as deleting data', async () => {
    p.spec(spec('timestamptz'));
    const plan = await p.cli(['plan']);
    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stderr).toMatch(/schema\/app\.yaml:5:7 error no-table-rewrite: .*public\.events\.at .*\(rewrites-table\)/);
    expect(plan.stderr).not.toMatch(/deletes-data|destructive/);
    expect(p.migrations()).toEqual([]);
  });

  it('keeps the instants: local values read in UTC, or in the zone the column states', async () => {
    const plan = await p.cli(['plan', '--allow-hazard', 'rewrites-table', '--name', 'zoned']);
    expect(plan.code, plan.stderr).toBe(0);
    const forward = p.read('001_zoned.sql');
    expect(forward).toContain(`ALTER COLUMN at TYPE timestamp with time zone USING at AT TIME ZONE 'UTC'`);
    expect(forward).toContain(`ALTER COLUMN paris_at TYPE timestamp with time zone USING paris_at AT TIME ZONE 'Europe/Paris'`);
    expect(forward).toMatch(/-- hazards: .*rewrites-table/);
    expect(forward).not.toMatch(/-- hazards: .*deletes-data/);
    const apply = await p.cli(['apply']);
    expect(apply.code, apply.stderr).toBe(0);
    const rows = await p.target.db.query<{ n: string; utc: string; paris: string; type: string }>(
      `SELECT count(*)::text AS n,
              count(*) FILTER (WHERE at = (timestamp '2024-01-01 12:00' + id * interval '1 hour') AT TIME ZONE 'UTC')::text AS utc,
              count(*) FILTER (WHERE paris_at = (timestamp '2024-06-01 08:30' + id * interval '1 minute') AT TIME ZONE 'Europe/Paris')::text AS paris,
              (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'public.events'::regclass AND attname = 'at') AS type
         FROM public.events`,
    );
    expect(rows).toEqual([{ n: '2000', utc: '2000', paris: '2000', type: 'timestamp with time zone' }]);
  });

  it('rolls back to the same local values', async () => {
    const rollback = await p.cli(['apply', '--rollback', '001']);
    expect(rollback.code, rollback.stderr).toBe(0);
    const rows = await p.target.db.query<{ n: string; same: string }>(
      `SELECT count(*)::text AS n,
              count(*) FILTER (WHERE at = timestamp '2024-01-01 12:00' + id * interval '1 hour'
                              AND paris_at = timestamp '2024-06-01 08:30' + id * interval '1 minute')::text AS same
         FROM public.events`,
    );
    expect(rows).toEqual([{ n: '2000', same: '2000' }]);
  });
});
