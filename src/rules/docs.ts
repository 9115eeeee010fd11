/** The page of a rule in docs/rules/<id>.md: generated from the rule itself so both stay one text. */
import type { Rule } from './types.js';

export function renderRuleDoc(rule: Rule): string {
  const checks = [rule.checkSpec && 'YAML (`schema validate`, `schema plan`)', rule.checkSql && 'SQL (`schema lint`, generated migrations)', rule.checkDirectory && 'migration directories (`schema lint`)']
    .filter(Boolean)
    .join(', ');
  return `<!-- Generated from src/rules/${rule.id}.ts: edit the rule's docs there, then run node dist/rules/write-docs.js -->
# \`${rule.id}\`: ${rule.title}

Severity: **${rule.severity}**. Checked on: ${checks || 'nothing (a property of how migrations are produced)'}.

${rule.docs.trim()}
`;
}
