/** Type names as Postgres's grammar reads them: `timestamp without time zone` and `pg_catalog.timestamp` are one type. */
import { parseSync } from '@libpg-query/parser';
import { typeName, type TypeNameNode } from './ast.js';

export interface ParsedType {
  /** Base name without `pg_catalog.` (`timestamp`, `timestamptz`, `int4`, `serial`, `app.mood`). */
  readonly name: string;
  readonly isArray: boolean;
}

const cache = new Map<string, ParsedType | undefined>();

/** Parses a type as written in YAML or SQL; undefined when it is not a type. */
export function parseType(text: string): ParsedType | undefined {
  if (cache.has(text)) return cache.get(text);
  let result: ParsedType | undefined;
  if (!text.includes(';')) {
    try {
      const parsed = parseSync(`SELECT NULL::${text}`) as {
        stmts?: { stmt: { SelectStmt?: { targetList?: { ResTarget?: { val?: { TypeCast?: { typeName?: TypeNameNode } } } }[] } } }[];
      };
      const type = parsed.stmts?.[0]?.stmt.SelectStmt?.targetList?.[0]?.ResTarget?.val?.TypeCast?.typeName;
      if (type && parsed.stmts?.length === 1) result = fromTypeName(type);
    } catch {
      result = undefined;
    }
  }
  cache.set(text, result);
  return result;
}

export function fromTypeName(type: TypeNameNode): ParsedType {
  return { name: typeName(type), isArray: (type.arrayBounds?.length ?? 0) > 0 };
}

export const isTimestampWithoutZone = (type: ParsedType | undefined): boolean => type?.name === 'timestamp';
export const isJsonb = (type: ParsedType | undefined): boolean => type?.name === 'jsonb' && !type.isArray;
export const SERIAL_TYPES: ReadonlySet<string> = new Set(['serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8']);
export const INTEGER_TYPES: ReadonlySet<string> = new Set(['int2', 'int4', 'int8', 'smallint', 'integer', 'bigint', 'int']);
