/**
 * Declared access tests: under a table, cases such as "as `authenticated` with claims `{sub: A}`,
 * given these rows, `select` sees one row", "`anon` cannot insert". Plain data, as the YAML says.
 */
import type { AccessRow, AccessTestSpec } from '../spec/types.js';

export type { AccessRow, AccessTestSpec, AccessValue } from '../spec/types.js';

export type AccessOperation =
  | { readonly kind: 'select'; readonly where?: string; readonly count?: number }
  | { readonly kind: 'insert'; readonly row: AccessRow }
  | { readonly kind: 'update'; readonly set: AccessRow; readonly where?: string }
  | { readonly kind: 'delete'; readonly where?: string };

/** One case, resolved: qualified table keys, its operation, its place in the YAML. */
export interface AccessCase {
  /** The table the case is declared under (`schema.name`). */
  readonly table: string;
  readonly name: string;
  readonly as: string;
  readonly claims: Readonly<Record<string, unknown>>;
  /** [qualified table key, rows], in the YAML's order. */
  readonly given: readonly (readonly [string, readonly AccessRow[]])[];
  readonly operation: AccessOperation;
  readonly expect: 'allowed' | 'denied';
  /** Path of the case in the spec (`tables/<table>/tests/<name>`), for positions. */
  readonly path: readonly string[];
}

export interface AccessResult {
  readonly case: AccessCase;
  readonly passed: boolean;
  /** What happened, in words: `saw 2 rows`, `denied: new row violates ...`, `failed: ...`. */
  readonly observed: string;
}
