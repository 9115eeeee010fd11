/** The checklist as code: every rule, and the three places they run (spec, generated SQL, any SQL). */
import type { Finding } from '../util/findings.js';
import type { Rule, SpecRuleInput, SqlFileInput, DirectoryInput } from './types.js';

export type { Rule, SpecRuleInput, SqlFileInput, DirectoryInput, RuleOptions } from './types.js';

/** Every registered rule (filled by the rule registry). */
export const rules: readonly Rule[] = [];

export function checkSpecRules(input: SpecRuleInput): Finding[] {
  return rules.flatMap((rule) => rule.checkSpec?.(input) ?? []);
}

export function checkSqlRules(input: SqlFileInput): Finding[] {
  return rules.flatMap((rule) => rule.checkSql?.(input) ?? []);
}

export function checkDirectoryRules(input: DirectoryInput): Finding[] {
  return rules.flatMap((rule) => rule.checkDirectory?.(input) ?? []);
}
