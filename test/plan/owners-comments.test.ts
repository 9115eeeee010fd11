/**
 * Owners (`owner:`, ALTER ... OWNER TO) and the comments that live beside the objects' own: the index
 * behind a key, an identity column's sequence, a view's columns. Round trips on real PostgreSQL
 * (harness.ts), with the owners read straight from pg_catalog as well.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/db/index.js';
import { adminUrl } from '../helpers/db.js';
import { roundTrip } from './harness.js';

const ROLES = ['schema_test_owner_a', 'schema_test_owner_b'];

beforeAll(async () => {
  const admin = connect(adminUrl());
  try {
    for (const role of ROLES) {
      await admin.exec(`DO $$ BEGIN CREATE ROLE ${role} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    }
  } finally {
    await admin.close();
  }
});

async function owners(db: Db): Promise<Record<string, string>> {
  const rows = await db.query<{ name: string; owner: string }>(
    `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'S')
     UNION ALL SELECT p.proname, pg_get_userbyid(p.proowner) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
     UNION ALL SELECT t.typname, pg_get_userbyid(t.typowner) FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')
     UNION ALL SELECT n.nspname, pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE n.nspname = 'billing'`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.owner]));
}

const BASE = `CREATE SCHEMA billing;
  CREATE TYPE public.kind AS ENUM ('a', 'b');
  CREATE DOMAIN public.cents AS integer CHECK (VALUE >= 0);
  CREATE SEQUENCE public.code_seq;
  CREATE TABLE public.orders (id serial PRIMARY KEY, total public.cents);
  CREATE VIEW public.order_ids AS SELECT id FROM public.orders;
  CREATE MATERIALIZED VIEW public.order_count AS SELECT count(*) AS n FROM public.orders;
  CREATE FUNCTION public.total() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM public.orders $$;`;

describe('owners', () => {
  it('every kind of object changes owner, and the rollback gives each its owner back', async () => {
    const [a, b] = ROLES;
    const { forwardSql, rollbackSql } = await roundTrip(
      `${BASE}
       ALTER TABLE public.orders OWNER TO ${b};`,
      `${BASE}
       ALTER SCHEMA billing OWNER TO ${a};
       ALTER TYPE public.kind OWNER TO ${a};
       ALTER DOMAIN public.cents OWNER TO ${a};
       ALTER SEQUENCE public.code_seq OWNER TO ${a};
       ALTER TABLE public.orders OWNER TO ${a};
       ALTER VIEW public.order_ids OWNER TO ${b};
       ALTER MATERIALIZED VIEW public.order_count OWNER TO ${a};
       ALTER FUNCTION public.total() OWNER TO ${a};`,
      {
        inputs: { managedSchemas: ['billing', 'public'] },
        afterForward: async (db) => {
          expect(await owners(db)).toMatchObject({ billing: a, kind: a, cents: a, code_seq: a, orders: a, orders_id_seq: a, order_ids: b, order_count: a, total: a });
        },
        afterRollback: async (db) => {
          expect(await owners(db)).toMatchObject({ billing: 'postgres', kind: 'postgres', orders: b, orders_id_seq: b, order_ids: 'postgres', total: 'postgres' });
        },
      },
    );
    expect(forwardSql).toContain(`ALTER TABLE public.orders OWNER TO ${a}`);
    expect(forwardSql).toContain(`ALTER MATERIALIZED VIEW public.order_count OWNER TO ${a}`);
    expect(forwardSql).toContain(`ALTER SCHEMA billing OWNER TO ${a}`);
    // The serial's sequence follows its table: never altered on its own (PostgreSQL refuses).
    expect(forwardSql).not.toContain('orders_id_seq');
    // Back to the role that runs the migration.
    expect(rollbackSql).toContain('ALTER FUNCTION public.total() OWNER TO CURRENT_USER');
    expect(rollbackSql).toContain(`ALTER TABLE public.orders OWNER TO ${b}`);
  });

  it('objects a migration creates get their owner right after creation; the rollback drops them', async () => {
    const [a] = ROLES;
    const { forwardSql, rollbackSql } = await roundTrip('', `${BASE}
       ALTER TABLE public.orders OWNER TO ${a};
       ALTER VIEW public.order_ids OWNER TO ${a};
       ALTER FUNCTION public.total() OWNER TO ${a};`, { inputs: { managedSchemas: ['billing', 'public'] } });
    expect(forwardSql.indexOf(`ALTER TABLE public.orders OWNER TO ${a}`)).toBeGreaterThan(forwardSql.indexOf('CREATE TABLE'));
    expect(rollbackSql).not.toContain('OWNER TO');
  });

  it('a view dropped and created again (a column changes type) keeps its owner and column comments', async () => {
    const [a] = ROLES;
    const tail = `ALTER VIEW public.v OWNER TO ${a}; COMMENT ON COLUMN public.v.n IS 'the number';`;
    await roundTrip(
      `CREATE TABLE public.t (n integer); CREATE VIEW public.v AS SELECT n FROM public.t; ${tail}`,
      `CREATE TABLE public.t (n integer); CREATE VIEW public.v AS SELECT n::bigint AS n FROM public.t; ${tail}`,
      { afterForward: async (db) => expect((await owners(db))['v']).toBe(a) },
    );
  });
});

describe('comments beside the objects', () => {
  const table = `CREATE TABLE public.charges (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text UNIQUE, amount numeric);
    CREATE VIEW public.charge_amounts AS SELECT id, amount AS total FROM public.charges;
    CREATE MATERIALIZED VIEW public.charge_count AS SELECT count(*) AS n FROM public.charges;`;
  const commented = `COMMENT ON INDEX public.charges_pkey IS 'pk index';
    COMMENT ON INDEX public.charges_code_key IS 'code lookups';
    COMMENT ON SEQUENCE public.charges_id_seq IS 'identity sequence';
    COMMENT ON COLUMN public.charge_amounts.total IS 'in units';
    COMMENT ON COLUMN public.charge_count.n IS 'how many';`;

  it('set, changed and removed on the index behind a key, an identity sequence and view columns', async () => {
    const { desired, forwardSql } = await roundTrip(table, `${table} ${commented}`);
    expect(desired.tables['public.charges']!.constraints['charges_pkey']!.indexComment).toBe('pk index');
    expect(desired.tables['public.charges']!.columns.find((c) => c.name === 'id')!.identitySequence).toEqual({ comment: 'identity sequence', name: 'charges_id_seq' });
    expect(desired.views['public.charge_amounts']!.columnComments).toEqual({ total: 'in units' });
    expect(forwardSql).toContain(`COMMENT ON SEQUENCE public.charges_id_seq IS 'identity sequence'`);
    await roundTrip(`${table} ${commented}`, `${table} COMMENT ON INDEX public.charges_pkey IS 'changed'; COMMENT ON COLUMN public.charge_count.n IS 'count';`);
  });

  it('come with a table and views created by the migration', async () => {
    const { rollbackSql } = await roundTrip('', `${table} ${commented}`);
    expect(rollbackSql).not.toContain('COMMENT ON');
  });
});
