/**
 * Publications as managed objects (the spec's `publications:`, read when the scope names
 * `publications`): created with their options, FOR TABLES IN SCHEMA, owner and comment; altered;
 * dropped; table memberships with column lists and row filters; REPLICA IDENTITY USING INDEX. Each a
 * round trip on real PostgreSQL judged by catalogs (harness.ts). The platform's `supabase_realtime`
 * (created by the preset on both sides) is never read as a managed publication, never dropped.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { serverMajor } from '../helpers/db.js';
import { roundTrip } from './harness.js';

const PUBLICATIONS = { platform: ['publications'], managedRoles: ['anon', 'authenticated', 'service_role', 'app_owner'] };
const since15 = serverMajor() >= 15 ? it : it.skip;

async function realtimeKept(db: Db): Promise<void> {
  const rows = await db.query<{ pubname: string }>(`SELECT pubname FROM pg_publication WHERE pubname = 'supabase_realtime'`);
  expect(rows).toHaveLength(1);
}

const ROLE = `DO $$ BEGIN CREATE ROLE app_owner NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;`;

describe('publications', () => {
  since15('created with options, schemas, owner, comment and filtered members; the rollback drops them, not supabase_realtime', async () => {
    const tables = `${ROLE}
      CREATE SCHEMA IF NOT EXISTS sync;
      CREATE TABLE sync.a (id int PRIMARY KEY);
      CREATE TABLE public.customers (id int PRIMARY KEY, name text, region text, active boolean DEFAULT true);
      CREATE TABLE public.rooms (id int PRIMARY KEY);
      ALTER PUBLICATION supabase_realtime ADD TABLE public.rooms;`;
    const r = await roundTrip(
      tables,
      `${tables}
      CREATE PUBLICATION sync_pub FOR TABLES IN SCHEMA sync WITH (publish = 'insert, update', publish_via_partition_root = true);
      ALTER PUBLICATION sync_pub OWNER TO app_owner;
      COMMENT ON PUBLICATION sync_pub IS 'sync schema';
      CREATE PUBLICATION crm_pub FOR TABLE public.customers (id, name, region) WHERE (active) WITH (publish = 'insert');`,
      { inputs: { ...PUBLICATIONS, managedSchemas: ['public', 'sync'] }, afterForward: realtimeKept, afterRollback: realtimeKept },
    );
    expect(r.desired.publications).toEqual({
      crm_pub: { name: 'crm_pub', publish: ['insert'] },
      sync_pub: { comment: 'sync schema', name: 'sync_pub', owner: 'app_owner', publish: ['insert', 'update'], schemas: ['sync'], viaPartitionRoot: true },
    });
    expect(r.desired.tables['public.customers']?.publications).toEqual({ crm_pub: { columns: ['id', 'name', 'region'], where: 'active' } });
    expect(r.forwardSql).toContain(`CREATE PUBLICATION sync_pub FOR TABLES IN SCHEMA sync WITH (publish = 'insert, update', publish_via_partition_root = true)`);
    expect(r.forwardSql).toContain('ALTER PUBLICATION crm_pub ADD TABLE public.customers (id, name, region) WHERE (active)');
    expect(r.rollbackSql).toContain('DROP PUBLICATION IF EXISTS crm_pub');
    expect(r.forwardSql + r.rollbackSql).not.toMatch(/supabase_realtime/);
  });

  since15('altered: options set, a schema swapped, a table swapped, another publication dropped', async () => {
    const tables = `CREATE SCHEMA IF NOT EXISTS s1; CREATE SCHEMA IF NOT EXISTS s2;
      CREATE TABLE public.rooms (id int PRIMARY KEY); CREATE TABLE public.presence (id int PRIMARY KEY); CREATE TABLE public.reactions (id int PRIMARY KEY);`;
    const r = await roundTrip(
      `${tables}
      CREATE PUBLICATION app_realtime FOR TABLE public.rooms, public.presence, TABLES IN SCHEMA s1;
      CREATE PUBLICATION app_deletes FOR TABLE public.presence WITH (publish = 'delete');`,
      `${tables}
      CREATE PUBLICATION app_realtime FOR TABLE public.rooms, public.reactions, TABLES IN SCHEMA s2 WITH (publish = 'insert,update', publish_via_partition_root = true);`,
      { inputs: { ...PUBLICATIONS, managedSchemas: ['public', 's1', 's2'] } },
    );
    expect(r.forwardSql).toContain(`ALTER PUBLICATION app_realtime SET (publish = 'insert, update', publish_via_partition_root = true)`);
    expect(r.forwardSql).toContain('ALTER PUBLICATION app_realtime DROP TABLES IN SCHEMA s1');
    expect(r.forwardSql).toContain('ALTER PUBLICATION app_realtime ADD TABLES IN SCHEMA s2');
    expect(r.forwardSql).toContain('DROP PUBLICATION IF EXISTS app_deletes');
    expect(r.rollbackSql).toContain(`CREATE PUBLICATION app_deletes WITH (publish = 'delete', publish_via_partition_root = false)`);
  });

  it('without `publications` in the scope, publications are not read (nothing is dropped)', async () => {
    const r = await roundTrip(`CREATE TABLE public.t (id int PRIMARY KEY); CREATE PUBLICATION other_pub FOR TABLE public.t;`, `CREATE TABLE public.t (id int PRIMARY KEY);`);
    expect(r.live.publications).toBeUndefined();
    expect(r.forwardSql).not.toMatch(/DROP PUBLICATION/);
  });
});

describe('replica identity', () => {
  it('USING INDEX, FULL and back to DEFAULT', async () => {
    const tables = `CREATE TABLE public.subscriptions (id bigint PRIMARY KEY, plan text NOT NULL);
      CREATE TABLE public.seats (org_id bigint NOT NULL, seat_no int NOT NULL, holder text);
      CREATE UNIQUE INDEX seats_org_seat_key ON public.seats (org_id, seat_no);`;
    const r = await roundTrip(
      `${tables} ALTER TABLE public.subscriptions REPLICA IDENTITY FULL;`,
      `${tables} ALTER TABLE public.seats REPLICA IDENTITY USING INDEX seats_org_seat_key;`,
    );
    expect(r.desired.tables['public.seats']?.replicaIdentity).toEqual({ index: 'seats_org_seat_key' });
    expect(r.forwardSql).toContain('ALTER TABLE public.seats REPLICA IDENTITY USING INDEX seats_org_seat_key');
    expect(r.forwardSql).toContain('ALTER TABLE public.subscriptions REPLICA IDENTITY DEFAULT');
    expect(r.rollbackSql).toContain('ALTER TABLE public.seats REPLICA IDENTITY DEFAULT');
  });

  it('USING INDEX on a new table comes after its index', async () => {
    const r = await roundTrip(
      ``,
      `CREATE TABLE public.seats (org_id bigint NOT NULL, seat_no int NOT NULL);
       CREATE UNIQUE INDEX seats_org_seat_key ON public.seats (org_id, seat_no);
       ALTER TABLE public.seats REPLICA IDENTITY USING INDEX seats_org_seat_key;`,
    );
    expect(r.forwardSql.indexOf('REPLICA IDENTITY USING INDEX')).toBeGreaterThan(r.forwardSql.indexOf('CREATE UNIQUE INDEX'));
  });
});
