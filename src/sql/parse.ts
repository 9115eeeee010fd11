/**
 * Postgres's own grammar (libpg-query, compiled to WASM): the only way this project reads SQL.
 * `splitStatements` cuts a script into statements with their source lines, so the runner can run
 * them one by one and the linter can point at them.
 */
import { loadModule, parseSync } from 'libpg-query';

let loaded: Promise<void> | undefined;

/** Loads the parser once; call before `parseSql`/`splitStatements`. */
export function loadParser(): Promise<void> {
  return (loaded ??= loadModule());
}

export interface ParsedStatement {
  /** The statement's AST node, e.g. `{ CreateStmt: {...} }`. */
  readonly node: Record<string, unknown>;
  /** Node type, e.g. `CreateStmt`. */
  readonly kind: string;
  /** Statement text without the trailing semicolon, trimmed. */
  readonly text: string;
  /** Offset of the first non-blank character in the script (UTF-16 index). */
  readonly offset: number;
  /** 1-based line and column of that character. */
  readonly line: number;
  readonly col: number;
}

export class SqlSyntaxError extends Error {
  readonly line: number;
  readonly col: number;
  constructor(message: string, line: number, col: number) {
    super(message);
    this.name = 'SqlSyntaxError';
    this.line = line;
    this.col = col;
  }
}

/** Converts a byte offset in the UTF-8 encoding of `text` to a string index. */
function byteToIndex(text: string, byteOffset: number, cache: { bytes?: Buffer }): number {
  cache.bytes ??= Buffer.from(text, 'utf8');
  return cache.bytes.subarray(0, byteOffset).toString('utf8').length;
}

export function lineColOf(text: string, index: number): { line: number; col: number } {
  let line = 1;
  let lastNewline = -1;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lastNewline = i;
    }
  }
  return { line, col: index - lastNewline };
}

interface RawParse {
  stmts?: { stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number }[];
}

/** Parses a script; throws SqlSyntaxError with the position of the error. Requires `loadParser()`. */
export function splitStatements(script: string): ParsedStatement[] {
  let parsed: RawParse;
  const cache: { bytes?: Buffer } = {};
  try {
    parsed = parseSync(script) as RawParse;
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const index = details?.cursorPosition !== undefined ? byteToIndex(script, details.cursorPosition, cache) : 0;
    const { line, col } = lineColOf(script, index);
    throw new SqlSyntaxError((error as Error).message, line, col);
  }
  const statements: ParsedStatement[] = [];
  for (const entry of parsed.stmts ?? []) {
    const startByte = entry.stmt_location ?? 0;
    const start = byteToIndex(script, startByte, cache);
    const end = entry.stmt_len ? byteToIndex(script, startByte + entry.stmt_len, cache) : script.length;
    const raw = script.slice(start, end);
    const leading = leadingTriviaLength(raw);
    const offset = start + leading;
    const text = stripTrailingSemicolon(raw.slice(leading).trim());
    const { line, col } = lineColOf(script, offset);
    const kind = Object.keys(entry.stmt)[0] ?? 'Unknown';
    statements.push({ node: entry.stmt, kind, text, offset, line, col });
  }
  return statements;
}

/** Length of the blanks and comments before a statement's first token. */
function leadingTriviaLength(text: string): number {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('--', i)) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline + 1;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else {
      return i;
    }
  }
}

function stripTrailingSemicolon(text: string): string {
  return text.endsWith(';') ? text.slice(0, -1).trimEnd() : text;
}

/**
 * Statements Postgres refuses inside a transaction block: they must run on their own.
 */
export function isNonTransactional(statement: ParsedStatement): boolean {
  const body = statement.node[statement.kind] as Record<string, unknown> | undefined;
  switch (statement.kind) {
    case 'IndexStmt':
      return body?.['concurrent'] === true;
    case 'DropStmt':
      return body?.['concurrent'] === true;
    case 'ReindexStmt': {
      const params = (body?.['params'] as { DefElem?: { defname?: string } }[] | undefined) ?? [];
      return params.some((p) => p.DefElem?.defname === 'concurrently');
    }
    case 'VacuumStmt':
    case 'AlterSystemStmt':
    case 'CreatedbStmt':
    case 'DropdbStmt':
    case 'CreateTableSpaceStmt':
    case 'DropTableSpaceStmt':
      return true;
    case 'AlterEnumStmt':
      // ADD VALUE may run in a transaction since PG12, but the new value cannot be used in it.
      return false;
    case 'CreateSubscriptionStmt':
    case 'DropSubscriptionStmt':
      return true;
    default:
      return false;
  }
}
