/**
 * The acceptance test of `schema pull`: for every corpus schema, pulling a database and creating
 * everything from the YAML in an empty database gives a byte-identical catalog, on the suite's
 * server (15) and on embedded PostgreSQL 17 and 18 servers started once for this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogJson } from '../../src/catalog/index.js';
import { startPrivateServer, type PrivateServer } from '../helpers/private-server.js';
import { corpusSql } from '../catalog/helpers.js';
import { generateCorpus } from '../corpus/generate.js';
import { differencesBySchema, roundTrip } from './roundtrip-support.js';

/** Corpus files, `+`-joined when one builds on another. */
const CORPUS = ['supabase-app.sql', 'supabase-extensions.sql', 'every-kind.sql', 'every-kind.sql + spec-extras.sql', 'awkward-names.sql', 'legacy.sql'];
const GENERATED = 300;

let pg17: PrivateServer;
let pg18: PrivateServer;
let url17: string;
let url18: string;

beforeAll(async () => {
  pg17 = await startPrivateServer(17, 'schema-rt17-');
  pg18 = await startPrivateServer(18, 'schema-rt18-');
  url17 = pg17.url;
  url18 = pg18.url;
}, 180_000);

afterAll(async () => {
  await Promise.all([pg17?.stop(), pg18?.stop()]);
});

const servers: readonly [string, () => string | undefined][] = [
  ['suite server', () => undefined],
  ['PostgreSQL 17', () => url17],
  ['PostgreSQL 18', () => url18],
];

for (const [label, server] of servers) {
  describe(`round trip on the ${label}: database -> pull -> YAML -> plan on an empty database -> same catalog`, () => {
    for (const file of CORPUS) {
      it(file, async () => {
        const { before, after } = await roundTrip((db) => db.exec(file.split(' + ').map(corpusSql).join('\n')), server());
        expect(Object.keys(before.tables).length).toBeGreaterThan(0);
        expect([...differencesBySchema(before, after)].flatMap(([, lines]) => lines)).toEqual([]);
        expect(catalogJson(after)).toBe(catalogJson(before));
      });
    }

    it(`${GENERATED} generated schemas`, async () => {
      const corpus = generateCorpus(GENERATED);
      const { before, after, schemas } = await roundTrip((db) => db.exec(corpus.map((g) => g.sql).join('\n')), server());
      expect(schemas.filter((s) => s.startsWith('g'))).toHaveLength(GENERATED);
      expect(Object.keys(before.tables).length).toBeGreaterThan(GENERATED);
      // The corpus exercises every kind the spec expresses.
      const tables = Object.values(before.tables);
      const constraints = tables.flatMap((t) => Object.values(t.constraints));
      const indexes = tables.flatMap((t) => Object.values(t.indexes));
      const coverage = {
        enums: Object.keys(before.enums).length,
        domains: Object.keys(before.domains).length,
        sequences: Object.values(before.sequences).filter((q) => !q.ownedBy).length,
        ownedSequences: Object.values(before.sequences).filter((q) => q.ownedBy).length,
        partitioned: tables.filter((t) => t.kind === 'partitioned').length,
        partitions: tables.filter((t) => t.partitionOf).length,
        identity: tables.filter((t) => t.columns.some((c) => c.identity)).length,
        generated: tables.filter((t) => t.columns.some((c) => c.generated)).length,
        collations: tables.filter((t) => t.columns.some((c) => c.collation)).length,
        compositeForeignKeys: constraints.filter((c) => c.kind === 'foreign_key' && c.columns.length > 1).length,
        deferrable: constraints.filter((c) => c.deferrable).length,
        checks: constraints.filter((c) => c.kind === 'check').length,
        uniqueNullsNotDistinct: constraints.filter((c) => c.definition.includes('NULLS NOT DISTINCT')).length,
        expressionIndexes: indexes.filter((i) => i.keys.some((k) => k.includes('('))).length,
        partialIndexes: indexes.filter((i) => i.where).length,
        otherMethods: indexes.filter((i) => i.method !== 'btree').length,
        includeIndexes: indexes.filter((i) => i.include.length > 0).length,
        restrictivePolicies: tables.flatMap((t) => Object.values(t.policies)).filter((p) => !p.permissive).length,
        triggersWithArgs: tables.flatMap((t) => Object.values(t.triggers)).filter((g) => g.args.length > 0).length,
        externalTriggers: Object.keys(before.externalTriggers).length,
        procedures: Object.values(before.functions).filter((f) => f.kind === 'procedure').length,
        definers: Object.values(before.functions).filter((f) => f.security === 'definer').length,
        revokedFromPublic: Object.values(before.functions).filter((f) => !f.grants['public']).length,
        views: Object.keys(before.views).length,
        grantedTables: tables.filter((t) => Object.keys(t.grants).length > 0).length,
      };
      for (const [feature, count] of Object.entries(coverage)) expect(count, feature).toBeGreaterThanOrEqual(3);
      const failures = differencesBySchema(before, after);
      const failed = corpus.filter((g) => failures.has(g.schema));
      const rate = `${GENERATED - failed.length}/${GENERATED}`;
      // The first failures, by schema, say exactly what to fix (reproduce with generateSchema(seed, name)).
      const report = failed.slice(0, 12).map((g) => `${g.schema}:\n  ${failures.get(g.schema)!.slice(0, 5).join('\n  ')}`);
      expect({ rate, report, other: [...failures.keys()].filter((s) => !/^g\d{3}$/.test(s)) }).toEqual({
        rate: `${GENERATED}/${GENERATED}`,
        report: [],
        other: [],
      });
      expect(catalogJson(after)).toBe(catalogJson(before));
    }, 240_000);
  });
}
