/** The checklist as code: every rule, and the three places they run (spec, generated SQL, any SQL). */
import { analyzeStatements } from '../sql/analyze.js';
import { splitStatements, SqlSyntaxError } from '../sql/parse.js';
import { SourceText } from '../sql/source.js';
import { compareFindings, type Finding } from '../util/findings.js';
import { exposureFacts, mergeFacts } from './api-exposure.js';
import { HAZARD_RULES, registry } from './registry.js';
import type { DirectoryInput, ExposureFacts, Rule, RuleOptions, SpecRuleInput, SqlFileInput } from './types.js';
import { inlineWaivers, isWaivedInline, specWaiverFindings } from './waivers.js';
import { checkSpecStructure, type ValidateConfig, type ValidateResult } from '../spec/validate.js';
import type { LoadedSpec } from '../spec/types.js';

export type { Rule, SpecRuleInput, SqlFileInput, DirectoryInput, RuleOptions, ExposureFacts } from './types.js';
export { HAZARD_RULES, ruleIds } from './registry.js';
export { toSarif } from './sarif.js';
export { renderRuleDoc } from './docs.js';

/** Every registered rule, in checklist order. */
export const rules: readonly Rule[] = registry;

export function ruleById(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}

/** Spec rules, with `waive:` maps checked (unknown rule or missing reason is an error). Sorted. */
export function checkSpecRules(input: SpecRuleInput): Finding[] {
  const findings = [...specWaiverFindings(input), ...rules.flatMap((rule) => rule.checkSpec?.(input) ?? [])];
  return findings.sort(compareFindings);
}

/** SQL rules on a parsed file, DO-block problems included, inline waivers applied. Sorted. */
export function checkSqlRules(input: SqlFileInput): Finding[] {
  const analysis = analyzeStatements(input.text, input.statements);
  const problems: Finding[] = analysis.problems.map((p) => ({
    file: input.path, line: p.line, col: p.col, severity: 'error', code: 'syntax', message: p.message,
    fix: 'fix the PL/pgSQL so that Postgres can run the block',
  }));
  const raw = rules.flatMap((rule) => {
    if (input.mode === 'generated' && HAZARD_RULES.has(rule.id)) return [];
    return rule.checkSql?.(input) ?? [];
  });
  const { waivers, findings: waiverFindings } = inlineWaivers(input.path, input.text, analysis.source, input.statements);
  return [...problems, ...waiverFindings, ...raw.filter((f) => !isWaivedInline(f, waivers))].sort(compareFindings);
}

export function checkDirectoryRules(input: DirectoryInput): Finding[] {
  return rules.flatMap((rule) => rule.checkDirectory?.(input) ?? []).sort(compareFindings);
}

/** Parses and checks one SQL text. A syntax error is one finding (code `syntax`) at its position. */
export function lintSql(path: string, text: string, options: RuleOptions): Finding[] {
  const source = new SourceText(text);
  let statements;
  try {
    statements = splitStatements(text, source);
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    return [{
      file: path, line: error.line, col: error.col, severity: 'error', code: 'syntax',
      message: `SQL syntax error: ${oneLine(error.message)}`, fix: 'fix the statement so that PostgreSQL can parse it',
    }];
  }
  return checkSqlRules({ path, text, statements, ...options });
}

/**
 * What a file leaves for the later files of its directory (RLS enabled, views), for `lint` of a
 * directory; undefined when it does not parse (its own lint reports that).
 */
export function exposureFactsOf(text: string): ExposureFacts | undefined {
  try {
    return exposureFacts(analyzeStatements(text, splitStatements(text, new SourceText(text))));
  } catch (error) {
    if (error instanceof SqlSyntaxError) return undefined;
    throw error;
  }
}

export { mergeFacts };

/** Parser messages quote the rest of the input ("at or near ..."): keep a finding on one short line. */
function oneLine(message: string): string {
  const flat = message.split(/\s+/).join(' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

/**
 * The planner's self-check: the SQL rules on a file it generated. Hazard rules (`destructive`,
 * `no-table-rewrite`) are left to the plan's hazard flags; spec waivers travel as
 * `-- schema:waive RULE reason` comments the planner writes above the statement.
 */
export function checkGeneratedSql(path: string, sql: string, options: { exposedSchemas: readonly string[] }): Finding[] {
  return lintSql(path, sql, { exposedSchemas: options.exposedSchemas, mode: 'generated' });
}

/**
 * The spec's own checks, then, when it has no errors, the checklist rules on the YAML. `errors`
 * make the spec unusable (exit 2); `findings` are the rules' findings (errors there mean exit 1)
 * and the warnings.
 */
export function validateSpec(loaded: LoadedSpec, config: ValidateConfig): ValidateResult {
  const { errors, warnings } = checkSpecStructure(loaded, config);
  const findings = errors.length > 0 ? [...warnings] : [...warnings, ...checkSpecRules({ loaded, exposedSchemas: config.exposed_schemas })];
  return { errors, findings: findings.sort(compareFindings) };
}
