/** A checklist rule: one file per rule, registered once in `registry.ts`. */
import type { LoadedSpec } from '../spec/types.js';
import type { ParsedStatement } from '../sql/index.js';
import type { Finding, Severity } from '../util/findings.js';

export interface RuleOptions {
  /** Schemas exposed by the Data API (default `['public']`). */
  readonly exposedSchemas: readonly string[];
}

export interface SpecRuleInput extends RuleOptions {
  readonly loaded: LoadedSpec;
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
