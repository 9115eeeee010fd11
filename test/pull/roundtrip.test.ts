/**
 * The acceptance test of `schema pull`: for every corpus schema, pulling a database and creating
 * everything from the YAML in an empty database gives a byte-identical catalog.
 */
import { describe, expect, it } from 'vitest';
import { catalogJson } from '../../src/catalog/index.js';
import { corpusSql } from '../catalog/helpers.js';
import { generateCorpus } from '../corpus/generate.js';
import { differencesBySchema, roundTrip } from './roundtrip-support.js';

const CORPUS = ['supabase-app.sql', 'every-kind.sql', 'awkward-names.sql', 'legacy.sql'];
const GENERATED = 300;

describe('round trip: database -> pull -> YAML -> plan on an empty database -> same catalog', () => {
  for (const file of CORPUS) {
    it(file, async () => {
      const { before, after } = await roundTrip((db) => db.exec(corpusSql(file)));
      expect(Object.keys(before.tables).length).toBeGreaterThan(0);
      expect([...differencesBySchema(before, after)].flatMap(([, lines]) => lines)).toEqual([]);
      expect(catalogJson(after)).toBe(catalogJson(before));
    });
  }

  it(`${GENERATED} generated schemas`, async () => {
    const corpus = generateCorpus(GENERATED);
    const { before, after, schemas } = await roundTrip((db) => db.exec(corpus.map((g) => g.sql).join('\n')));
    expect(schemas.filter((s) => s.startsWith('g'))).toHaveLength(GENERATED);
    const failures = differencesBySchema(before, after);
    const failed = corpus.filter((g) => failures.has(g.schema));
    const rate = `${GENERATED - failed.length}/${GENERATED}`;
    // The first few failures, each with its SQL, say exactly what to fix.
    const report = failed.slice(0, 12).map((g) => `${g.schema}:\n  ${failures.get(g.schema)!.slice(0, 5).join('\n  ')}`);
    expect({ rate, report, other: [...failures.keys()].filter((s) => !/^g\d{3}$/.test(s)) }).toEqual({
      rate: `${GENERATED}/${GENERATED}`,
      report: [],
      other: [],
    });
    expect(catalogJson(after)).toBe(catalogJson(before));
  }, 240_000);
});
