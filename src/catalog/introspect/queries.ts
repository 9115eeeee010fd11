/** The catalog queries, one `.sql` file per object kind, loaded once. */
import { readFileSync } from 'node:fs';

export const QUERY_NAMES = [
  'schemas',
  'extensions',
  'enums',
  'domains',
  'composites',
  'sequences',
  'tables',
  'columns',
  'constraints',
  'indexes',
  'triggers',
  'policies',
  'functions',
  'views',
  'platform',
] as const;

export type QueryName = (typeof QUERY_NAMES)[number];

let cache: Record<QueryName, string> | undefined;

export function catalogQueries(): Record<QueryName, string> {
  cache ??= Object.fromEntries(
    QUERY_NAMES.map((name) => [name, readFileSync(new URL(`./${name}.sql`, import.meta.url), 'utf8')]),
  ) as Record<QueryName, string>;
  return cache;
}
