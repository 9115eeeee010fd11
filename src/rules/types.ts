/** A checklist rule: one file per rule, registered once in `registry.ts`. */
import type { LoadedSpec } from '../spec/types.js';
import type { ParsedStatement } from '../sql/index.js';
import type { Finding, Severity } from '../util/findings.js';

export interface RuleOptions {
  /** Schemas exposed by the Data API (default `['public']`). */
  readonly exposedSchemas: readonly string[];
  /**
   * `generated`: SQL the planner wrote, checked before it is saved. Rules then skip what the planner
   * gates as hazards (`destructive`, `no-table-rewrite`) and what the spec rules already prove
   * about existing objects. Default `lint`: any hand-written file.
   */
  readonly mode?: 'lint' | 'generated';
  /** What the earlier files of the same migrations directory already did (lint of a directory). */
  readonly earlier?: ExposureFacts;
}

/** Facts a file leaves for the files after it: tables with RLS enabled, views (name -> security_invoker). */
export interface ExposureFacts {
  readonly rlsTables: ReadonlySet<string>;
  readonly views: ReadonlyMap<string, boolean>;
}

export interface SpecRuleInput extends RuleOptions {
  readonly loaded: LoadedSpec;
  /**
   * Columns of the tables that already exist (`schema.table` -> column names), when known (plan).
   * Lets `not-null-default` tell a new NOT NULL column on an existing table from a new table.
   */
  readonly existingColumns?: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface SqlFileInput extends RuleOptions {
  /** Path as it should be printed. */
  readonly path: string;
  readonly text: string;
  readonly statements: readonly ParsedStatement[];
}

export interface DirectoryInput extends RuleOptions {
  readonly dir: string;
  /** File names in the directory (not paths), sorted. */
  readonly files: readonly { readonly name: string; readonly size: number }[];
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Markdown: why, bad and good examples, how to waive. */
  readonly docs: string;
  checkSpec?(input: SpecRuleInput): Finding[];
  checkSql?(input: SqlFileInput): Finding[];
  checkDirectory?(input: DirectoryInput): Finding[];
}
