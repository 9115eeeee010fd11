/**
 * SQL fragments from the YAML are checked with PostgreSQL's own parser before they reach any DDL:
 * an expression must parse as exactly one expression (`SELECT (<expr>)` with one target, nothing
 * else), a type as exactly one type name (`SELECT NULL::<type>`). This blocks `1); DROP TABLE x; --`.
 * The parser is loaded when `src/sql/parse.ts` is imported.
 */
import { plpgsqlFunctionProblem, scanTokens, splitStatements, SqlSyntaxError } from '../sql/parse.js';

/** The parse tree of `sql` when it is one statement, else an error message. */
function parseOne(sql: string): { stmt: Record<string, unknown> } | { error: string } {
  let stmts;
  try {
    stmts = splitStatements(sql);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (stmts.length !== 1) return { error: `expected one expression, found ${stmts.length} statements` };
  return { stmt: stmts[0]!.node };
}

/** A plain `SELECT <one target>` with nothing else (no FROM, WHERE, alias, ...), or undefined. */
function singleTarget(stmt: Record<string, unknown>): Record<string, unknown> | undefined {
  const select = stmt['SelectStmt'] as Record<string, unknown> | undefined;
  if (!select) return undefined;
  const extra = Object.keys(select).filter((k) => !['targetList', 'limitOption', 'op'].includes(k));
  if (extra.length > 0 || select['op'] !== 'SETOP_NONE') return undefined;
  const targets = select['targetList'] as { ResTarget?: Record<string, unknown> }[] | undefined;
  if (!targets || targets.length !== 1) return undefined;
  const target = targets[0]!.ResTarget;
  if (!target || target['name'] !== undefined || target['indirection'] !== undefined) return undefined;
  return target['val'] as Record<string, unknown>;
}

/**
 * Answers kept per text: a spec repeats the same defaults, types and policy predicates on every
 * table (`now()`, `uuid`, `auth.uid() = user_id`), and each answer depends on the text alone.
 */
const MEMO_MAX = 50_000;
function memo<T>(fn: (text: string) => T): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (answers.has(text)) return answers.get(text)!;
    const answer = fn(text);
    if (answers.size < MEMO_MAX) answers.set(text, answer);
    return answer;
  };
}

/**
 * Why a fragment holding a comment token is refused, or undefined. A `--` comment swallows the rest
 * of the line the fragment is pasted into (`type: "integer --"` would silently drop NOT NULL and the
 * default after it), and `/* ... *\/` hides text from the reader of the migration; `comment:` is
 * where a note belongs. Quoted `--` inside a string literal is not a comment token.
 */
function commentProblem(text: string): string | undefined {
  if (!text.includes('--') && !text.includes('/*')) return undefined;
  const token = scanTokens(text).find((t) => t.tokenName === 'SQL_COMMENT' || t.tokenName === 'C_COMMENT');
  if (!token) return undefined;
  const column = Buffer.from(text, 'utf8').subarray(0, token.start).toString('utf8').length + 1;
  const kind = token.tokenName === 'SQL_COMMENT' ? '`--` comment' : '`/* */` comment';
  return `it holds a ${kind} at character ${column} (${JSON.stringify(token.text.trim().slice(0, 30))}); remove it (a note goes under \`comment:\`)`;
}

/**
 * What one parse of an expression tells: why it is not one SQL expression (undefined when it is),
 * and the column references outside its subqueries (whose names belong to the tables they select
 * from), as name parts: `[["owner"], ["new", "tier"]]`, empty when it does not parse.
 */
export interface ExpressionFacts {
  readonly problem?: string;
  readonly columnRefs: readonly (readonly string[])[];
}

export const expressionFacts = memo(expressionFactsOf);

/** Undefined when `text` is one SQL expression; else why not. */
export const expressionProblem = (text: string): string | undefined => expressionFacts(text).problem;

function expressionFactsOf(text: string): ExpressionFacts {
  const refused = (problem: string): ExpressionFacts => ({ problem, columnRefs: [] });
  if (text.trim() === '') return refused('the expression is empty');
  if (text.includes('\0')) return refused('the expression contains a NUL character');
  const comment = commentProblem(text);
  if (comment) return refused(comment);
  // The closing parenthesis on its own line: a trailing `--` comment cannot swallow it.
  const parsed = parseOne(`SELECT (${text}\n)`);
  if ('error' in parsed) return refused(parsed.error);
  const target = singleTarget(parsed.stmt);
  if (!target) return refused('not a single SQL expression');
  return { columnRefs: columnRefsIn(target) };
}

export interface TypeName {
  /** Name parts as the parser sees them (`['pg_catalog', 'varchar']`, `['public', 'kind']`). */
  readonly names: readonly string[];
  readonly array: boolean;
}

/** The parsed type name, or why `text` is not one. */
export const parseTypeName = memo(parseTypeNameOf);

function parseTypeNameOf(text: string): Readonly<TypeName> | { readonly error: string } {
  if (text.trim() === '') return { error: 'the type is empty' };
  if (text.includes('\0')) return { error: 'the type contains a NUL character' };
  const comment = commentProblem(text);
  if (comment) return { error: comment };
  const parsed = parseOne(`SELECT NULL::${text}\n`);
  if ('error' in parsed) return { error: parsed.error };
  const val = singleTarget(parsed.stmt);
  const cast = val?.['TypeCast'] as { arg?: { A_Const?: { isnull?: boolean } }; typeName?: Record<string, unknown> } | undefined;
  if (!cast || cast.arg?.A_Const?.isnull !== true || !cast.typeName) return { error: 'not a single type name' };
  const names = ((cast.typeName['names'] as { String?: { sval?: string } }[] | undefined) ?? []).map((n) => n.String?.sval ?? '');
  return Object.freeze({ names: Object.freeze(names), array: cast.typeName['arrayBounds'] !== undefined });
}

/** Undefined when `text` is one statement of the given parse-tree kind (e.g. a view's SelectStmt). */
export function statementProblem(sql: string, kind: string): string | undefined {
  const parsed = parseOne(sql);
  if ('error' in parsed) return parsed.error;
  if (Object.keys(parsed.stmt)[0] !== kind) return `expected a ${kind}`;
  return undefined;
}

/**
 * Why a function body does not parse, with its line in the body; undefined when it parses or its
 * language is neither sql nor plpgsql. Migrations create functions with check_function_bodies off
 * (so a function may name a table created later in the same file), which leaves a body that does
 * not parse to fail at its first call; the parser catches it here, before anything runs.
 */
export function bodyProblem(definition: string, body: string, language: string): string | undefined {
  const lang = language.toLowerCase();
  if (lang === 'plpgsql') return plpgsqlFunctionProblem(definition);
  // A SQL-standard body (RETURN expr, BEGIN ATOMIC ... END) is part of the CREATE FUNCTION the
  // parser already read whole.
  if (lang !== 'sql' || /^\s*(?:RETURN\b|BEGIN\s+ATOMIC\b)/i.test(body)) return undefined;
  try {
    splitStatements(body);
    return undefined;
  } catch (error) {
    if (error instanceof SqlSyntaxError) return `${error.message} (line ${error.line} of the body)`;
    return (error as Error).message;
  }
}

/** Column references of an expression tree, outside its subqueries, as name parts. */
function columnRefsIn(tree: unknown): string[][] {
  const refs: string[][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'SubLink' || key === 'RangeSubselect') continue;
      if (key === 'ColumnRef') {
        const fields = ((value as { fields?: Record<string, { sval?: string }>[] }).fields ?? []);
        if (fields.every((f) => f['String']?.sval !== undefined)) refs.push(fields.map((f) => f['String']!.sval!));
        continue;
      }
      visit(value);
    }
  };
  visit(tree);
  return refs;
}
