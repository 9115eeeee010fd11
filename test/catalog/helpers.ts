/** Shared by the catalog tests: build a database from corpus SQL, introspect it, count queries. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db, Queryable } from '../../src/db/index.js';
import { introspect, type Catalog, type Scope, type SnapshotReader } from '../../src/catalog/index.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'corpus');

export const corpusSql = (name: string): string => readFileSync(join(CORPUS_DIR, name), 'utf8');

/** Preset (auth stub, roles) plus the corpus file (`every-kind.sql` with `spec-extras.sql` and `beyond-spec.sql` when `full`). */
export async function loadCorpus(db: Db, name: string, full = false): Promise<void> {
  await db.exec(supabasePresetSql());
  await db.exec(corpusSql(name));
  if (full && name === 'every-kind.sql') await db.exec(corpusSql('spec-extras.sql') + corpusSql('beyond-spec.sql'));
}

/** A reader that counts the statements introspection sends. */
export function countingRunner(db: Db): { runner: SnapshotReader; count: () => number } {
  let n = 0;
  const runner: SnapshotReader = {
    readSnapshot: (fn) =>
      db.readSnapshot((tx: Queryable) =>
        fn({
          query: (text, params) => {
            n++;
            return tx.query(text, params);
          },
          each: (text, onRow) => {
            n++;
            return tx.each(text, onRow);
          },
          exec: (script) => {
            n++;
            return tx.exec(script);
          },
        }),
      ),
  };
  return { runner, count: () => n };
}

export const introspectScope = (db: Db, schemas: readonly string[]): Promise<Catalog> =>
  introspect(db, { schemas } satisfies Scope);
