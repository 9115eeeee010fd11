/** A failed migration statement: where it is in the file, what it was, and what the server said. */
import { serverErrorFields, type ServerErrorFields } from '../db/index.js';
import { OperationError } from '../util/findings.js';

export interface StatementFailure {
  /** File name (or '<script>' when run from memory). */
  readonly file: string;
  /** 1-based line of the statement in the file. */
  readonly line: number;
  /** Line of the error inside the statement, when the server gave a position. */
  readonly errorLine?: number;
  readonly statement: string;
  readonly server?: ServerErrorFields;
  /** Whether the statement ran in a transaction (so the transaction's earlier statements were rolled back). */
  readonly transactionLine?: number;
}

const MAX_STATEMENT_LINES = 12;

function shownStatement(text: string): string {
  const lines = text.split('\n');
  const kept = lines.slice(0, MAX_STATEMENT_LINES).map((line) => `    ${line}`);
  if (lines.length > MAX_STATEMENT_LINES) kept.push(`    ... (${lines.length - MAX_STATEMENT_LINES} more lines)`);
  return kept.join('\n');
}

export function formatFailure(f: StatementFailure, cause: unknown): string {
  const at = `${f.file}:${f.errorLine ?? f.line}`;
  const message = f.server ? `${f.server.message}${f.server.code ? ` [${f.server.code}]` : ''}` : cause instanceof Error ? cause.message : String(cause);
  const out = [`${at}: statement failed: ${message}`];
  if (f.server?.detail) out.push(`  detail: ${f.server.detail}`);
  if (f.server?.hint) out.push(`  hint: ${f.server.hint}`);
  if (f.server?.where) out.push(`  where: ${f.server.where.split('\n')[0]}`);
  out.push(`  statement (line ${f.line}):`, shownStatement(f.statement));
  if (f.transactionLine !== undefined) {
    out.push(`  the transaction starting at line ${f.transactionLine} was rolled back; fix the file or the database and run apply again`);
  } else {
    out.push('  the statement ran outside a transaction; statements before it stay applied, and apply can be run again');
  }
  return out.join('\n');
}

/** Line of the server's error position inside the statement. */
function errorLineOf(statement: string, line: number, server: ServerErrorFields | undefined): number | undefined {
  const position = Number(server?.position);
  if (!Number.isInteger(position) || position < 1) return undefined;
  const before = statement.slice(0, position - 1);
  return line + (before.match(/\n/g)?.length ?? 0);
}

export class MigrationStatementError extends OperationError {
  readonly failure: StatementFailure;
  constructor(failure: Omit<StatementFailure, 'server' | 'errorLine'>, cause: unknown) {
    const server = serverErrorFields(cause);
    const full: StatementFailure = { ...failure, server, errorLine: errorLineOf(failure.statement, failure.line, server) };
    super(formatFailure(full, cause), 1);
    this.name = 'MigrationStatementError';
    this.failure = full;
  }
}
