/** A plan creating thousands of tables must not exhaust the lock table: it is split into transactions. */
import { describe, expect, it } from 'vitest';
import { emptyCatalog, introspect, type Catalog, type Table } from '../../src/catalog/index.js';
import { buildPlan } from '../../src/plan/build.js';
import { diff } from '../../src/plan/diff/index.js';
import { renderScript } from '../../src/plan/script.js';
import { connect } from '../../src/db/index.js';
import { freshDatabase } from '../helpers/db.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { inputsFor, OPTIONS } from './harness.js';

const COUNT = 3000;

function wideCatalog(): Catalog {
  const tables: Record<string, Table> = {};
  for (let i = 0; i < COUNT; i++) {
    const name = `t${String(i).padStart(4, '0')}`;
    tables[`public.${name}`] = {
      schema: 'public',
      name,
      kind: 'table',
      columns: [
        { name: 'id', type: 'integer', notNull: true },
        { name: 'body', type: 'text', notNull: false },
      ],
      constraints: {
        [`${name}_pkey`]: { name: `${name}_pkey`, kind: 'primary_key', columns: ['id'], definition: 'PRIMARY KEY (id)', validated: true, deferrable: false, initiallyDeferred: false },
      },
      indexes: {
        [`${name}_body_idx`]: { name: `${name}_body_idx`, unique: false, method: 'btree', keys: ['body'], include: [], nullsNotDistinct: false, definition: '' },
      },
      triggers: {},
      policies: { [`${name}_read`]: { name: `${name}_read`, command: 'select', permissive: true, roles: ['authenticated'], using: 'true' } },
      rls: true,
      forceRls: false,
      grants: {},
    };
  }
  return { ...emptyCatalog(), schemas: { public: { name: 'public' } }, tables };
}

describe('large plans', () => {
  it(`creates ${COUNT} tables with keys, indexes, RLS and policies in one plan`, async () => {
    const db = await freshDatabase('plan_big');
    try {
      await db.db.exec(supabasePresetSql());
      const desired = wideCatalog();
      const inputs = inputsFor();
      const plan = buildPlan(emptyCatalog(), desired, inputs, OPTIONS);
      expect(plan.forward.length).toBeGreaterThanOrEqual(COUNT * 5);
      const script = renderScript(plan.forward, OPTIONS);
      // More steps than stock max_locks_per_transaction * connections could hold in one transaction.
      expect((script.match(/^BEGIN;$/gm) ?? []).length).toBeGreaterThanOrEqual(Math.ceil(plan.forward.length / 200));
      // One simple-query call: its explicit BEGIN/COMMIT blocks run as separate transactions, exactly as
      // the runner does them, without a round trip per statement.
      expect(plan.forward.every((s) => s.transactional)).toBe(true);
      const single = connect(db.url, { max: 1 });
      try {
        await single.exec(script);
      } finally {
        await single.close();
      }
      const live = await introspect(db.db, { schemas: ['public'] });
      expect(Object.keys(live.tables)).toHaveLength(COUNT);
      expect(diff(live, desired, inputs)).toEqual([]);
    } finally {
      await db.drop();
    }
  }, 120_000);
});
