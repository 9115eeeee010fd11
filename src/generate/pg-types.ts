/**
 * A column type as the spec writes it (`varchar(40)`, `timestamp with time zone`, `notification_kind[]`),
 * resolved to one of a closed set of kinds the generators map to Python and TypeScript types.
 * Domains resolve to their base type; spec enums keep their qualified key.
 */
import { refKey } from '../spec/spec-index.js';

export type PgKind =
  | 'uuid'
  | 'text'
  | 'varchar'
  | 'char'
  | 'smallint'
  | 'integer'
  | 'bigint'
  | 'numeric'
  | 'real'
  | 'double'
  | 'boolean'
  | 'timestamptz'
  | 'timestamp'
  | 'date'
  | 'time'
  | 'timetz'
  | 'interval'
  | 'json'
  | 'jsonb'
  | 'bytea'
  | 'inet'
  | 'cidr'
  | 'macaddr'
  | 'tsvector'
  | 'enum'
  | 'other';

export interface PgType {
  readonly kind: PgKind;
  /** Type modifiers: `['40']` of `varchar(40)`, `['10', '2']` of `numeric(10,2)`. */
  readonly args: readonly string[];
  /** Array dimensions (`text[][]` is 2). */
  readonly dims: number;
  /** Qualified key of the spec enum, for `enum`. */
  readonly enumKey?: string;
  /** The written base type, for `other`. */
  readonly written: string;
}

const ALIASES: Readonly<Record<string, PgKind>> = {
  uuid: 'uuid',
  text: 'text',
  citext: 'text',
  name: 'text',
  varchar: 'varchar',
  'character varying': 'varchar',
  char: 'char',
  character: 'char',
  bpchar: 'char',
  smallint: 'smallint',
  int2: 'smallint',
  smallserial: 'smallint',
  serial2: 'smallint',
  integer: 'integer',
  int: 'integer',
  int4: 'integer',
  serial: 'integer',
  serial4: 'integer',
  bigint: 'bigint',
  int8: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  numeric: 'numeric',
  decimal: 'numeric',
  real: 'real',
  float4: 'real',
  'double precision': 'double',
  float8: 'double',
  float: 'double',
  boolean: 'boolean',
  bool: 'boolean',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  date: 'date',
  time: 'time',
  'time without time zone': 'time',
  timetz: 'timetz',
  'time with time zone': 'timetz',
  interval: 'interval',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
  inet: 'inet',
  cidr: 'cidr',
  macaddr: 'macaddr',
  tsvector: 'tsvector',
};

/** Serial types: the column has a default (its sequence) even when the spec states none. */
export function isSerial(written: string): boolean {
  return /^\s*(?:small|big)?serial[248]?\s*$/i.test(written);
}

export interface TypeLookup {
  readonly enums: ReadonlyMap<string, readonly string[]>;
  /** Domain key -> its base type as written. */
  readonly domains: ReadonlyMap<string, string>;
}

export function parsePgType(written: string, lookup: TypeLookup, depth = 0): PgType {
  const arrays = /^(.*?)((?:\s*\[\s*\d*\s*\])*)$/s.exec(written.trim())!;
  let base = arrays[1]!.trim();
  let dims = (arrays[2]!.match(/\[/g) ?? []).length;
  const arrayWord = /^(.*\S)\s+array$/i.exec(base);
  if (arrayWord) {
    base = arrayWord[1]!;
    dims = Math.max(dims, 1);
  }
  // Modifiers may sit inside the name: `timestamp(3) with time zone`.
  const argMatch = /\(([^()]*)\)/.exec(base);
  const args = argMatch ? argMatch[1]!.split(',').map((a) => a.trim()).filter((a) => a !== '') : [];
  const name = base
    .replace(/\([^()]*\)/, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/^pg_catalog\./, '');
  const alias = ALIASES[name];
  if (alias) return { kind: alias, args, dims, written: base };
  const key = refKey(base);
  if (key !== undefined && lookup.enums.has(key)) return { kind: 'enum', args: [], dims, enumKey: key, written: base };
  const domain = key === undefined ? undefined : lookup.domains.get(key);
  if (domain !== undefined && depth < 8) {
    const inner = parsePgType(domain, lookup, depth + 1);
    return { ...inner, dims: inner.dims + dims };
  }
  return { kind: 'other', args, dims, written: base };
}
