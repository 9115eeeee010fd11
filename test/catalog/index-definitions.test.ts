/**
 * The indexes query builds the definition of a plain btree index itself instead of calling
 * pg_get_indexdef: the text must be exactly pg_get_indexdef's, for every index of the corpus and
 * for each form an index key can take.
 */
import { describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { withTextArrays } from '../../src/catalog/introspect/index.js';
import { catalogQueries } from '../../src/catalog/introspect/queries.js';
import { generateCorpus } from '../corpus/generate.js';
import { freshDatabase } from '../helpers/db.js';
import { corpusSql } from './helpers.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';

const FORMS = `
CREATE SCHEMA "Idx Forms";
CREATE TYPE "Idx Forms".mood AS ENUM ('a', 'b');
CREATE DOMAIN "Idx Forms".short AS text;
CREATE TABLE "Idx Forms"."T" (
  id int PRIMARY KEY, a text, "B" int, "select" date, c varchar(10), d text COLLATE "C", e int[], f "Idx Forms".mood,
  g "Idx Forms".short, h timestamptz, "x y" bigint, j numeric, k uuid, l jsonb, json_table int, "a$b" int
);
CREATE INDEX plain ON "Idx Forms"."T" (a);
CREATE INDEX "Two Keys" ON "Idx Forms"."T" ("B", "select");
CREATE INDEX desc_key ON "Idx Forms"."T" (h DESC);
CREATE INDEX desc_nulls_last ON "Idx Forms"."T" (h DESC NULLS LAST, a);
CREATE INDEX asc_nulls_first ON "Idx Forms"."T" ("x y" NULLS FIRST);
CREATE INDEX mixed ON "Idx Forms"."T" (j ASC NULLS LAST, k DESC NULLS FIRST);
CREATE INDEX covering ON "Idx Forms"."T" (a, "B") INCLUDE ("select", "x y");
CREATE INDEX covering_one ON "Idx Forms"."T" (k) INCLUDE (l);
CREATE INDEX on_varchar ON "Idx Forms"."T" (c);
CREATE INDEX collated_column ON "Idx Forms"."T" (d);
CREATE INDEX other_collation ON "Idx Forms"."T" (a COLLATE "C");
CREATE INDEX pattern_ops ON "Idx Forms"."T" (a text_pattern_ops);
CREATE INDEX on_array ON "Idx Forms"."T" (e);
CREATE INDEX on_enum ON "Idx Forms"."T" (f);
CREATE INDEX on_domain ON "Idx Forms"."T" (g);
CREATE INDEX keyword_columns ON "Idx Forms"."T" (json_table, "a$b");
CREATE INDEX with_fillfactor ON "Idx Forms"."T" ("B") WITH (fillfactor = 70);
CREATE INDEX partial ON "Idx Forms"."T" ("B") WHERE "B" > 0;
CREATE INDEX expression ON "Idx Forms"."T" (lower(a), "B" DESC);
CREATE UNIQUE INDEX unique_plain ON "Idx Forms"."T" ("x y");
CREATE INDEX hashed ON "Idx Forms"."T" USING hash (a);
CREATE INDEX gin_json ON "Idx Forms"."T" USING gin (l);
CREATE INDEX brin_time ON "Idx Forms"."T" USING brin (h);
CREATE TABLE "Idx Forms".parted (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE "Idx Forms".parted_2024 PARTITION OF "Idx Forms".parted FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX parted_at ON "Idx Forms".parted (at DESC);
CREATE INDEX parted_2024_id ON "Idx Forms".parted_2024 (id);
CREATE MATERIALIZED VIEW "Idx Forms".mv AS SELECT id, a FROM "Idx Forms"."T";
CREATE INDEX mv_a ON "Idx Forms".mv (a DESC, id);
`;

/** Every index's definition as the indexes query gives it, and as pg_get_indexdef prints it. */
async function definitions(url: string): Promise<{ built: Map<string, string>; printed: Map<string, string> }> {
  const sql = postgres(url, { max: 1, prepare: false, fetch_types: false, onnotice: () => undefined });
  try {
    await sql.unsafe(`SET search_path = pg_catalog`);
    const schemas = (await sql.unsafe(`SELECT nspname::text AS name FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`)).map((r) => String(r['name']));
    const rows = await sql.unsafe(withTextArrays(catalogQueries().indexes, [schemas]));
    const printed = await sql.unsafe(
      `SELECT i.indrelid::int8::text AS rel, ic.relname AS name, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid`,
    );
    const key = (r: Record<string, unknown>): string => `${String(r['rel'])}/${String(r['name'])}`;
    return {
      built: new Map(rows.map((r) => [key(r), String(r['definition'])])),
      printed: new Map(printed.map((r) => [key(r), String(r['definition'])])),
    };
  } finally {
    await sql.end();
  }
}

describe('index definitions', () => {
  it("equal pg_get_indexdef's text for every form of key and every index of the corpus", async () => {
    const t = await freshDatabase('idxdef');
    try {
      await t.db.exec(supabasePresetSql());
      await t.db.exec(FORMS);
      for (const file of ['every-kind.sql', 'spec-extras.sql', 'beyond-spec.sql', 'awkward-names.sql', 'supabase-app.sql', 'legacy.sql']) {
        await t.db.exec(corpusSql(file));
      }
      await t.db.exec(generateCorpus(120).map((g) => g.sql).join('\n'));
      const { built, printed } = await definitions(t.url);
      expect(built.size).toBeGreaterThan(200);
      const differing = [...built].filter(([key, text]) => printed.get(key) !== text).map(([key, text]) => `${key}: ${text} <> ${printed.get(key)}`);
      expect(differing).toEqual([]);
      // The forms above, by the name of their index: built here or printed by the server, all equal.
      const names = new Set([...built.keys()].map((key) => key.split('/')[1]));
      for (const name of ['plain', 'Two Keys', 'desc_nulls_last', 'asc_nulls_first', 'mixed', 'covering', 'keyword_columns', 'pattern_ops', 'expression', 'mv_a', 'parted_at']) {
        expect(names.has(name), name).toBe(true);
      }
    } finally {
      await t.drop();
    }
  });
});
