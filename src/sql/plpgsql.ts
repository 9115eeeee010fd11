/**
 * Reads a DO block's PL/pgSQL body with Postgres's PL/pgSQL grammar and lists what it runs: each
 * SQL statement and each expression (IF conditions, PERFORM, assignments), with the guards around
 * it (an enclosing IF, exception handlers such as `WHEN duplicate_object`).
 */
import type { Node } from './ast.js';
import { scanTokens } from './parse.js';

export interface PlpgsqlItem {
  /** SQL text as written in the body. */
  readonly query: string;
  /** True for a whole statement (`CREATE TYPE ...`), false for an expression (`NOT EXISTS (...)`). */
  readonly statement: boolean;
  /** 1-based line within the body. */
  readonly line: number;
  /** Inside the THEN/ELSE branch of an IF. */
  readonly underIf: boolean;
  /** Condition names of every exception handler around it (`duplicate_object`, `others`). */
  readonly handlers: readonly string[];
}

interface Context {
  readonly line: number;
  readonly underIf: boolean;
  readonly handlers: readonly string[];
}

export function plpgsqlItems(action: Node): PlpgsqlItem[] {
  const items: PlpgsqlItem[] = [];
  visit(action, { line: 1, underIf: false, handlers: [] }, items);
  return items;
}

function visit(node: unknown, ctx: Context, out: PlpgsqlItem[]): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, ctx, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, raw] of Object.entries(node as Node)) {
    if (!raw || typeof raw !== 'object') continue;
    const value = raw as Node;
    const line = typeof value['lineno'] === 'number' && value['lineno'] > 0 ? value['lineno'] : ctx.line;
    const here: Context = { ...ctx, line };
    switch (key) {
      case 'PLpgSQL_stmt_block': {
        const handlers = exceptionConditions(value['exceptions']);
        visit(value['body'], { ...here, handlers: [...ctx.handlers, ...handlers] }, out);
        visit(value['exceptions'], here, out);
        break;
      }
      case 'PLpgSQL_stmt_if': {
        visit(value['cond'], here, out);
        const guarded = { ...here, underIf: true };
        visit(value['then_body'], guarded, out);
        visit(value['elsif_list'], guarded, out);
        visit(value['else_body'], guarded, out);
        break;
      }
      case 'PLpgSQL_stmt_execsql':
        pushExpr(value['sqlstmt'], true, here, out);
        break;
      case 'PLpgSQL_expr':
        pushExpr({ PLpgSQL_expr: value }, false, here, out);
        break;
      default:
        visit(value, here, out);
    }
  }
}

function pushExpr(wrapper: unknown, statement: boolean, ctx: Context, out: PlpgsqlItem[]): void {
  const expr = (wrapper as { PLpgSQL_expr?: { query?: string; parseMode?: number } } | undefined)?.PLpgSQL_expr;
  if (!expr?.query) return;
  if (expr.parseMode === 3 || expr.parseMode === 4 || expr.parseMode === 5) {
    // An assignment (`target := expression`): keep the expression, cut at the lexer's assignment token.
    const assign = scanTokens(expr.query).find((t) => t.text === ':=' || t.text === '=');
    if (!assign) return;
    const value = Buffer.from(expr.query, 'utf8').subarray(assign.end).toString('utf8').trim();
    out.push({ query: value, statement: false, line: ctx.line, underIf: ctx.underIf, handlers: ctx.handlers });
    return;
  }
  // parseMode 0 is a full statement (PERFORM is kept as `SELECT ...`); others are bare expressions.
  const isStatement = statement || !expr.parseMode;
  out.push({ query: expr.query, statement: isStatement, line: ctx.line, underIf: ctx.underIf, handlers: ctx.handlers });
}

function exceptionConditions(exceptions: unknown): string[] {
  const list = (exceptions as { PLpgSQL_exception_block?: { exc_list?: unknown[] } } | undefined)?.PLpgSQL_exception_block?.exc_list ?? [];
  const names: string[] = [];
  for (const exc of list) {
    const conditions = (exc as { PLpgSQL_exception?: { conditions?: unknown[] } }).PLpgSQL_exception?.conditions ?? [];
    for (const condition of conditions) {
      const name = (condition as { PLpgSQL_condition?: { condname?: string } }).PLpgSQL_condition?.condname;
      if (name) names.push(name.toLowerCase());
    }
  }
  return names;
}
