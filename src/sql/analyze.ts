/**
 * One pass over a parsed script that every SQL rule shares: the statements to check (DO block
 * bodies opened up), their positions, transaction blocks, and file-level facts (tables created,
 * RLS enabled) that rules compare against.
 */
import { parseSync } from '@libpg-query/parser';
import { inner, kindOf, qualified, type Node, type RangeVar } from './ast.js';
import { parsePlpgsqlBody, scanTokens, SqlSyntaxError, type ParsedStatement, type SqlToken } from './parse.js';
import { plpgsqlItems } from './plpgsql.js';
import { SourceText } from './source.js';

export type Guard = 'none' | 'if' | 'exception';

export interface Unit {
  /** `{ Kind: body }`. */
  readonly node: Node;
  readonly kind: string;
  readonly body: Node;
  /** Position of the statement's first token in the file. */
  readonly line: number;
  readonly col: number;
  /** Lines of the top-level statement that holds it (a DO block for inner statements). */
  readonly statementLine: number;
  readonly statementEndLine: number;
  /** Index of the top-level statement. */
  readonly statementIndex: number;
  /** Inside a DO block. */
  readonly inDo: boolean;
  /** An expression inside a DO block (IF condition, PERFORM, assignment), not a statement. */
  readonly expression: boolean;
  /** Inside an IF branch of a DO block. */
  readonly underIf: boolean;
  /** Exception conditions handled around it in its DO block. */
  readonly handlers: readonly string[];
  /** Explicit transaction block number, or undefined outside BEGIN..COMMIT. */
  readonly transaction: number | undefined;
  /** File position of a parser `location` inside this unit (falls back to the statement). */
  at(location: number | undefined): { line: number; col: number };
  /** Lexer tokens of the unit's source (byte offsets comparable with `location`). */
  tokens(): readonly SqlToken[];
}

export interface SqlProblem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export interface FileAnalysis {
  readonly source: SourceText;
  readonly units: readonly Unit[];
  /** Qualified names of tables created anywhere in the file. */
  readonly createdTables: ReadonlySet<string>;
  /** Qualified names of tables whose RLS the file enables. */
  readonly rlsTables: ReadonlySet<string>;
  /** Bodies that could not be read (DO block syntax errors). */
  readonly problems: readonly SqlProblem[];
}

const cache = new WeakMap<readonly ParsedStatement[], FileAnalysis>();

export function analyzeStatements(text: string, statements: readonly ParsedStatement[]): FileAnalysis {
  let analysis = cache.get(statements);
  if (!analysis) {
    analysis = analyze(text, statements);
    cache.set(statements, analysis);
  }
  return analysis;
}

function analyze(text: string, statements: readonly ParsedStatement[]): FileAnalysis {
  const source = new SourceText(text);
  const units: Unit[] = [];
  const problems: SqlProblem[] = [];
  let fileTokens: SqlToken[] | undefined;
  const getFileTokens = (): SqlToken[] => (fileTokens ??= scanTokens(text));
  let transaction: number | undefined;
  let transactions = 0;

  statements.forEach((statement, statementIndex) => {
    const body = (statement.node[statement.kind] ?? {}) as Node;
    if (statement.kind === 'TransactionStmt') {
      const kind = body['kind'];
      if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') transaction = ++transactions;
      if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE') {
        units.push(topUnit(statement, statementIndex, body, transaction));
        transaction = undefined;
        return;
      }
    }
    units.push(topUnit(statement, statementIndex, body, transaction));
    if (statement.kind === 'DoStmt') openDo(statement, statementIndex, body, transaction);
  });

  function topUnit(statement: ParsedStatement, statementIndex: number, body: Node, txn: number | undefined): Unit {
    const endLine = source.lineCol(Math.max(statement.offset, statement.end - 1)).line;
    return {
      node: statement.node,
      kind: statement.kind,
      body,
      line: statement.line,
      col: statement.col,
      statementLine: statement.line,
      statementEndLine: endLine,
      statementIndex,
      inDo: false,
      expression: false,
      underIf: false,
      handlers: [],
      transaction: txn,
      at: (loc) => (loc === undefined ? { line: statement.line, col: statement.col } : source.lineColOfByte(loc + statement.byteOffset)),
      tokens: getFileTokens,
    };
  }

  function openDo(statement: ParsedStatement, statementIndex: number, body: Node, txn: number | undefined): void {
    const args = (body['args'] as Node[] | undefined) ?? [];
    const language = args.map((a) => inner(a)).find((d) => d['defname'] === 'language');
    const lang = (inner(language?.['arg'])['sval'] as string | undefined)?.toLowerCase();
    if (lang && lang !== 'plpgsql') return;
    const as = args.map((a) => inner(a)).find((d) => d['defname'] === 'as');
    const code = inner(as?.['arg'])['sval'];
    if (typeof code !== 'string') return;
    const literalIndex = source.indexOfByte((as?.['location'] as number | undefined) ?? 0);
    const bodyStart = literalIndex + delimiterLength(text, literalIndex);
    const bodyLine = source.lineCol(bodyStart).line;
    const statementEndLine = source.lineCol(Math.max(statement.offset, statement.end - 1)).line;
    let action: Node;
    try {
      action = parsePlpgsqlBody(code);
    } catch (error) {
      // The PL/pgSQL parser gives no position; "at end of input" points at the body's last line.
      const atEnd = error instanceof SqlSyntaxError && error.message.includes('end of input');
      const line = atEnd ? bodyLine + new SourceText(code).lineCount - 1 : statement.line;
      problems.push({ line, col: firstNonBlankCol(source, line), message: `DO block: ${(error as Error).message}` });
      return;
    }
    const bodySource = new SourceText(code);
    for (const item of plpgsqlItems(action)) {
      const sql = item.statement ? item.query : `SELECT ${item.query}`;
      const prefix = sql.length - item.query.length;
      let parsed: { stmts?: { stmt: Node }[] };
      try {
        parsed = parseSync(sql) as typeof parsed;
      } catch {
        continue; // PL/pgSQL-only syntax inside an expression; nothing the rules read
      }
      const lineStart = bodySource.lineStart(item.line);
      const found = code.indexOf(item.query, lineStart);
      const queryIndex = found >= 0 ? bodyStart + found : source.lineStart(bodyLine + item.line - 1);
      const querySource = new SourceText(sql);
      const at = (loc: number | undefined): { line: number; col: number } => {
        const index = loc === undefined ? prefix : querySource.indexOfByte(loc);
        return source.lineCol(Math.max(queryIndex, queryIndex + index - prefix));
      };
      const position = at(undefined);
      let tokens: SqlToken[] | undefined;
      for (const entry of parsed.stmts ?? []) {
        units.push({
          node: entry.stmt,
          kind: kindOf(entry.stmt),
          body: inner(entry.stmt),
          line: position.line,
          col: position.col,
          statementLine: statement.line,
          statementEndLine,
          statementIndex,
          inDo: true,
          expression: !item.statement,
          underIf: item.underIf,
          handlers: item.handlers,
          transaction: txn,
          at,
          tokens: () => (tokens ??= scanTokens(sql)),
        });
      }
    }
  }

  const createdTables = new Set<string>();
  const rlsTables = new Set<string>();
  for (const unit of units) {
    if (unit.kind === 'CreateStmt') createdTables.add(qualified(unit.body['relation'] as RangeVar));
    if (unit.kind === 'CreateTableAsStmt') createdTables.add(qualified(inner({ x: unit.body['into'] })['rel'] as RangeVar));
    if (unit.kind === 'AlterTableStmt') {
      const cmds = (unit.body['cmds'] as Node[] | undefined) ?? [];
      if (cmds.some((cmd) => inner(cmd)['subtype'] === 'AT_EnableRowSecurity')) {
        rlsTables.add(qualified(unit.body['relation'] as RangeVar));
      }
    }
  }
  return { source, units, createdTables, rlsTables, problems };
}

/** Length of a string literal's opening delimiter: `$tag$`, `'` or `E'`. */
function delimiterLength(text: string, index: number): number {
  if (text[index] === '$') {
    const close = text.indexOf('$', index + 1);
    return close < 0 ? 1 : close - index + 1;
  }
  if (text[index] === 'E' || text[index] === 'e') return 2;
  return 1;
}

function firstNonBlankCol(source: SourceText, line: number): number {
  const start = source.lineStart(line);
  let i = start;
  while (i < source.text.length && (source.text[i] === ' ' || source.text[i] === '\t')) i++;
  return i - start + 1;
}
