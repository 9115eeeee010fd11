/** The spec keys for constraint options and object settings: accepted when well formed, positioned errors when not. */
import { describe, expect, it } from 'vitest';
import { loadSpec, toCatalog } from '../../src/spec/index.js';
import { validateSpec } from '../../src/rules/index.js';
import { specDir } from './helpers.js';

const CONFIG = { exposed_schemas: ['app'], preset: 'supabase' } as const;

async function validated(yaml: string) {
  const dir = specDir({ 'x.yaml': yaml });
  const loaded = await loadSpec(dir);
  const { errors } = validateSpec(loaded, CONFIG);
  return { loaded, errors: errors.map((e) => `${e.line}:${e.col} ${e.code}: ${e.message}`) };
}

const GOOD = `tables:
  rooms:
    columns:
      id: { type: integer }
      during: { type: tstzrange }
      lo: { type: integer }
      hi: { type: integer }
    primary_key: { columns: [id], deferrable: initially deferred, comment: Room id }
    unique:
      rooms_lo_key: { columns: [lo], deferrable: true, comment: One per lo }
    checks:
      rooms_lo_hi: { check: lo <= hi, no_inherit: true, comment: Ordered }
      rooms_lo_positive: lo > 0
    exclusions:
      rooms_no_overlap: { elements: [[during, "&&"], ["(int4range(lo, hi))", "&&"]], include: [hi], where: lo > 0, deferrable: true, comment: No overlap }
    foreign_keys:
      rooms_self_fkey: { columns: [hi], references: { table: rooms, columns: [id] }, on_delete: cascade, match: full, comment: Next room }
    triggers:
      rooms_stamp: { before: insert, function: stamp, enabled: false }
functions:
  stamp: { returns: trigger, body: "BEGIN RETURN NEW; END", set: { statement_timeout: 5s, app.tenant: "x'y" } }
views:
  room_ids: { query: SELECT id FROM rooms, security_barrier: true, check_option: local }
  room_counts: { query: "SELECT lo, count(*) AS n FROM rooms GROUP BY lo", materialized: true, indexes: [{ columns: [lo], unique: true }] }
domains:
  code: { type: text, collation: C }
`;

describe('spec: constraint options and object settings', () => {
  it('accepts every new key and gives toCatalog the definitions PostgreSQL prints', async () => {
    const { loaded, errors } = await validated(GOOD);
    expect(errors).toEqual([]);
    const { catalog } = toCatalog(loaded.spec, { preset: 'supabase' });
    const rooms = catalog.tables['public.rooms']!;
    expect(rooms.constraints['rooms_pkey']).toMatchObject({ definition: 'PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED', deferrable: true, initiallyDeferred: true, comment: 'Room id' });
    expect(rooms.constraints['rooms_lo_key']).toMatchObject({ definition: 'UNIQUE (lo) DEFERRABLE', comment: 'One per lo' });
    expect(rooms.constraints['rooms_lo_hi']).toMatchObject({ definition: 'CHECK ((lo <= hi)) NO INHERIT', comment: 'Ordered' });
    expect(rooms.constraints['rooms_no_overlap']).toMatchObject({
      kind: 'exclusion',
      definition: 'EXCLUDE USING gist (during WITH &&, int4range(lo, hi) WITH &&) INCLUDE (hi) WHERE (lo > 0) DEFERRABLE',
      comment: 'No overlap',
    });
    expect(rooms.constraints['rooms_self_fkey']).toMatchObject({ definition: 'FOREIGN KEY (hi) REFERENCES public.rooms(id) MATCH FULL ON DELETE CASCADE', comment: 'Next room' });
    expect(rooms.constraints['rooms_self_fkey']!.foreignKey!.match).toBe('full');
    expect(rooms.triggers['rooms_stamp']!.enabled).toBe(false);
    expect(catalog.functions['public.stamp()']!.config).toEqual(['app.tenant=x\'y', 'statement_timeout=5s']);
    expect(catalog.functions['public.stamp()']!.definition).toContain("SET statement_timeout = '5s' SET app.tenant = 'x''y'");
    expect(catalog.views['public.room_ids']!.options).toEqual(['check_option=local', 'security_barrier=true']);
    expect(Object.keys(catalog.views['public.room_counts']!.indexes)).toEqual(['room_counts_lo_idx']);
    expect(catalog.domains['public.code']!.collation).toBe('"C"');
  });

  it('rejects malformed options with a position', async () => {
    const { errors } = await validated(`tables:
  rooms:
    columns:
      id: { type: integer }
    exclusions:
      bad: { using: "gist; drop", elements: [[id, "= 1; --"], [nope, "="], ["(1; x)", "="]] }
    checks:
      c: { check: "1); DROP TABLE x; --" }
functions:
  f: { body: "BEGIN END", set: { "work mem": "1", search_path: "x;y" } }
views:
  v: { query: SELECT 1 AS a, check_option: local, materialized: true }
  w: { query: SELECT 1 AS a, indexes: [{ columns: [a] }] }
`);
    const text = errors.join('\n');
    expect(text).toMatch(/6:\d+ invalid-index: "gist; drop" is not an index access method/);
    expect(text).toMatch(/6:\d+ invalid-exclusion: "= 1; --" is not an operator/);
    expect(text).toMatch(/6:\d+ unknown-column: column "nope" is not a column of table "rooms"/);
    expect(text).toMatch(/8:\d+ .*check/);
    expect(text).toMatch(/10:\d+ invalid-name: "work mem" is not a setting name/);
    expect(text).toMatch(/10:\d+ invalid-sql: "x;y" is not a search_path/);
    expect(text).toMatch(/12:\d+ invalid-view: a materialized view has no check option/);
    expect(text).toMatch(/13:\d+ invalid-view: only a materialized view can have indexes/);
  });
});
