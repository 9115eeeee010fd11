/**
 * Postgres's own grammar (libpg-query, compiled to WASM): the only way this project reads SQL.
 * `splitStatements` cuts a script into statements with their source lines, so the runner can run
 * them one by one and the linter can point at them.
 */
import { loadModule, parseSync, parsePlPgSQLSync, scanSync } from '@libpg-query/parser';
import { SourceText } from './source.js';

let loaded: Promise<void> | undefined;

/** Loads the parser once. Importing this module already does it; kept for callers that await it. */
export function loadParser(): Promise<void> {
  return (loaded ??= loadModule());
}

// The WASM module loads in ~15 ms; loading it at import makes every parse function safe to call.
await loadParser();

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
  /** String index just past the statement (its semicolon excluded). */
  readonly end: number;
  /** Parser byte offset of the statement in the script (the base of every `location` in `node`). */
  readonly byteOffset: number;
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

export function lineColOf(text: string, index: number): { line: number; col: number } {
  return new SourceText(text).lineCol(index);
}

interface RawParse {
  stmts?: { stmt: Record<string, unknown>; stmt_location?: number; stmt_len?: number }[];
}

/** Parses a script; throws SqlSyntaxError with the position of the error. */
export function splitStatements(script: string, source: SourceText = new SourceText(script)): ParsedStatement[] {
  if (script.trim() === '') return [];
  let parsed: RawParse;
  try {
    parsed = parseSync(script) as RawParse;
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const index = details?.cursorPosition !== undefined ? source.indexOfByte(details.cursorPosition) : 0;
    const { line, col } = source.lineCol(index);
    throw new SqlSyntaxError((error as Error).message, line, col);
  }
  const statements: ParsedStatement[] = [];
  for (const entry of parsed.stmts ?? []) {
    const startByte = entry.stmt_location ?? 0;
    const start = source.indexOfByte(startByte);
    const end = entry.stmt_len ? source.indexOfByte(startByte + entry.stmt_len) : script.length;
    const raw = script.slice(start, end);
    const leading = leadingTriviaLength(raw);
    const offset = start + leading;
    const text = stripTrailingSemicolon(raw.slice(leading).trim());
    const { line, col } = source.lineCol(offset);
    const kind = Object.keys(entry.stmt)[0] ?? 'Unknown';
    statements.push({ node: entry.stmt, kind, text, offset, line, col, end: offset + text.length, byteOffset: 0 });
  }
  return statements;
}

/** A lexer token: byte offsets into the scanned text. */
export interface SqlToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly tokenName: string;
  readonly keywordName: string;
}

/** Postgres's own lexer: tokens with comments kept (`SQL_COMMENT`, `C_COMMENT`). Never throws. */
export function scanTokens(text: string): SqlToken[] {
  if (text.trim() === '') return [];
  try {
    return (scanSync(text) as { tokens?: SqlToken[] }).tokens ?? [];
  } catch {
    return [];
  }
}

/**
 * Parses a PL/pgSQL body (a DO block or function body) with Postgres's own PL/pgSQL grammar.
 * Returns the `action` block, or throws SqlSyntaxError with a line relative to the body.
 */
export function parsePlpgsqlBody(body: string): Record<string, unknown> {
  let tag = '__schema_body';
  while (body.includes(`$${tag}$`)) tag += '_';
  const wrapped = `CREATE FUNCTION __schema_do() RETURNS void LANGUAGE plpgsql AS $${tag}$${body}$${tag}$`;
  try {
    const parsed = parsePlPgSQLSync(wrapped) as unknown as { plpgsql_funcs?: { PLpgSQL_function?: { action?: Record<string, unknown> } }[] };
    return parsed.plpgsql_funcs?.[0]?.PLpgSQL_function?.action ?? {};
  } catch (error) {
    const details = (error as { sqlDetails?: { lineNumber?: number; cursorPosition?: number } }).sqlDetails;
    throw new SqlSyntaxError((error as Error).message, details?.lineNumber ?? 1, 1);
  }
}

/**
 * Why a whole `CREATE FUNCTION ... LANGUAGE plpgsql` does not compile with PostgreSQL's PL/pgSQL
 * grammar (its arguments, and NEW/OLD for a trigger function, in scope), or undefined when it does.
 * The parser library fails to serialize some errors it finds (a JS SyntaxError on its JSON): those
 * are left to the server, not reported.
 */
export function plpgsqlFunctionProblem(definition: string): string | undefined {
  try {
    parsePlPgSQLSync(definition);
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    const details = (error as { sqlDetails?: { lineNumber?: number } }).sqlDetails;
    return `${(error as Error).message}${details?.lineNumber ? ` (line ${details.lineNumber})` : ''}`;
  }
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
