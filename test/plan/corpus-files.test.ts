/** Whole schemas (the shared corpus files and generated ones) planned from nothing, to nothing, and into each other. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { generateSchema } from '../corpus/generate.js';
import { roundTrip } from './harness.js';

const corpus = (name: string): string => readFileSync(join(import.meta.dirname, '..', 'corpus', name), 'utf8');

const FILES = [
  { file: 'every-kind.sql', inputs: { managedSchemas: ['app', 'public'], extensions: ['citext', 'pgcrypto'] } },
  { file: 'supabase-app.sql', inputs: {} },
  { file: 'awkward-names.sql', inputs: { managedSchemas: ['My Schema', 'public'] } },
];

describe('plan round trip: corpus files', () => {
  for (const { file, inputs } of FILES) {
    it(`${file}: from an empty database`, async () => {
      await roundTrip('', corpus(file), { inputs });
    });
    it(`${file}: to an empty database`, async () => {
      await roundTrip(corpus(file), '', { inputs });
    });
  }
});

describe('plan round trip: generated schemas', () => {
  const inputs = { managedSchemas: ['g'] };
  for (const seed of [1, 2]) {
    it(`seed ${seed}: from nothing`, async () => {
      await roundTrip('', generateSchema(seed, 'g').sql, { inputs });
    });
  }
  for (const [a, b] of [
    [11, 12],
    [13, 14],
    [15, 16],
  ] as const) {
    it(`seed ${a} -> seed ${b}`, async () => {
      await roundTrip(generateSchema(a, 'g').sql, generateSchema(b, 'g').sql, { inputs });
    });
  }
});
