/**
 * How a migration script runs: its statements cut into execution units. Pure.
 *
 * - an explicit `BEGIN; ... COMMIT;` block is one transaction;
 * - other consecutive transactional statements are grouped into one transaction;
 * - a statement Postgres refuses inside a transaction (`CREATE INDEX CONCURRENTLY`, `VACUUM`, ...)
 *   is a unit of its own, run outside any transaction;
 * - a batched backfill (src/sql/backfill.ts) is a unit of its own, which the runner repeats in
 *   short transactions of its own until every row is filled (src/apply/batch.ts).
 */
import { batchedBackfillTarget, isNonTransactional, SqlSyntaxError, splitStatements, type BackfillTarget, type ParsedStatement } from '../sql/index.js';

export type ExecutionUnit =
  | {
      readonly kind: 'transaction';
      /** Whether the file wrote `BEGIN`/`COMMIT` itself. */
      readonly explicit: boolean;
      /** Transaction mode written after `BEGIN` (e.g. `ISOLATION LEVEL SERIALIZABLE`); '' when none. */
      readonly mode: string;
      /** Line of the `BEGIN` (explicit) or of the first statement. */
      readonly line: number;
      readonly statements: readonly ParsedStatement[];
    }
  | {
      readonly kind: 'alone';
      readonly line: number;
      readonly statement: ParsedStatement;
    }
  | {
      readonly kind: 'backfill';
      readonly line: number;
      readonly statement: ParsedStatement;
      readonly target: BackfillTarget;
    };

type TransactionKind = 'begin' | 'commit' | 'rollback' | 'other';

function transactionKind(statement: ParsedStatement): TransactionKind | undefined {
  if (statement.kind !== 'TransactionStmt') return undefined;
  const kind = (statement.node['TransactionStmt'] as { kind?: string } | undefined)?.kind;
  switch (kind) {
    case 'TRANS_STMT_BEGIN':
    case 'TRANS_STMT_START':
      return 'begin';
    case 'TRANS_STMT_COMMIT':
      return 'commit';
    case 'TRANS_STMT_ROLLBACK':
      return 'rollback';
    default:
      // SAVEPOINT, RELEASE, ROLLBACK TO: ordinary statements inside a transaction.
      return 'other';
  }
}

/** `BEGIN ISOLATION LEVEL SERIALIZABLE` -> `ISOLATION LEVEL SERIALIZABLE`. */
function beginMode(text: string): string {
  return text
    .replace(/^\s*(begin|start\s+transaction)(\s+(work|transaction))?/i, '')
    .trim();
}

/** Cuts parsed statements into units; throws SqlSyntaxError for a malformed transaction structure. */
export function planUnits(statements: readonly ParsedStatement[]): ExecutionUnit[] {
  const units: ExecutionUnit[] = [];
  let implicit: ParsedStatement[] = [];
  let block: { line: number; mode: string; statements: ParsedStatement[] } | undefined;
  const flushImplicit = (): void => {
    if (implicit.length === 0) return;
    units.push({ kind: 'transaction', explicit: false, mode: '', line: implicit[0]!.line, statements: implicit });
    implicit = [];
  };
  for (const statement of statements) {
    const tk = transactionKind(statement);
    const backfill = batchedBackfillTarget(statement.kind, statement.node, statement.text);
    if (block) {
      if (tk === 'begin') {
        throw new SqlSyntaxError(`BEGIN inside the transaction opened at line ${block.line}; add COMMIT before it`, statement.line, statement.col);
      }
      if (tk === 'commit') {
        units.push({ kind: 'transaction', explicit: true, mode: block.mode, line: block.line, statements: block.statements });
        block = undefined;
        continue;
      }
      if (tk === 'rollback') {
        throw new SqlSyntaxError('ROLLBACK in a migration file would discard its own changes; remove it', statement.line, statement.col);
      }
      if (backfill) {
        throw new SqlSyntaxError(
          `the batched backfill of ${backfill.qualified}.${backfill.column} runs in transactions of its own, not inside the block opened at line ${block.line}; move it after COMMIT`,
          statement.line,
          statement.col,
        );
      }
      if (isNonTransactional(statement)) {
        throw new SqlSyntaxError(
          `${firstWords(statement.text)} cannot run inside a transaction block (opened at line ${block.line}); move it after COMMIT`,
          statement.line,
          statement.col,
        );
      }
      block.statements.push(statement);
      continue;
    }
    if (tk === 'begin') {
      flushImplicit();
      block = { line: statement.line, mode: beginMode(statement.text), statements: [] };
      continue;
    }
    if (tk === 'commit' || tk === 'rollback') {
      throw new SqlSyntaxError(`${tk === 'commit' ? 'COMMIT' : 'ROLLBACK'} without BEGIN; remove it`, statement.line, statement.col);
    }
    if (backfill) {
      flushImplicit();
      units.push({ kind: 'backfill', line: statement.line, statement, target: backfill });
      continue;
    }
    if (isNonTransactional(statement)) {
      flushImplicit();
      units.push({ kind: 'alone', line: statement.line, statement });
      continue;
    }
    implicit.push(statement);
  }
  if (block) throw new SqlSyntaxError(`BEGIN without COMMIT; add COMMIT at the end of the block`, block.line, 1);
  flushImplicit();
  // A block with nothing in it changes nothing: drop it.
  return units.filter((unit) => unit.kind !== 'transaction' || unit.statements.length > 0);
}

/** Parses a script and cuts it into units. Requires `loadParser()`. */
export function scriptUnits(script: string): ExecutionUnit[] {
  return planUnits(splitStatements(script));
}

/** The first words of a statement, for messages: `CREATE INDEX CONCURRENTLY`. */
export function firstWords(text: string, count = 4): string {
  return text.replace(/\s+/g, ' ').split(' ').slice(0, count).join(' ');
}

/** One line summary of a statement for progress output. */
export function statementSummary(text: string, width = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 3)}...` : flat;
}
