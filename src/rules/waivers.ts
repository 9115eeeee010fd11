/**
 * Waivers: `-- schema:waive RULE reason` in SQL (on the statement's line or the line before), and
 * `waive: { RULE: reason }` on a table or column in the YAML. A waiver needs a reason and a known rule.
 */
import type { ParsedStatement } from '../sql/parse.js';
import { scanTokens } from '../sql/parse.js';
import type { SourceText } from '../sql/source.js';
import type { Finding } from '../util/findings.js';
import { specFinding } from './helpers.js';
import { ruleIds } from './registry.js';
import type { SpecRuleInput } from './types.js';

const MARKER = 'schema:waive';

interface InlineWaiver {
  readonly rule: string;
  /** Lines (inclusive) of the statement(s) it covers. */
  readonly ranges: readonly (readonly [number, number])[];
}

/** Reads inline waivers; malformed ones become findings (code `waiver`). */
export function inlineWaivers(
  path: string,
  text: string,
  source: SourceText,
  statements: readonly ParsedStatement[],
): { waivers: InlineWaiver[]; findings: Finding[] } {
  const waivers: InlineWaiver[] = [];
  const findings: Finding[] = [];
  if (!text.includes(MARKER)) return { waivers, findings };
  const lines = source.text.split('\n');
  const spans = statements.map((s) => [s.line, source.lineCol(Math.max(s.offset, s.end - 1)).line] as const);
  for (const token of scanTokens(text)) {
    if (token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT') continue;
    const body = token.text.startsWith('--') ? token.text.slice(2) : token.text.slice(2, -2);
    const trimmed = body.trim();
    if (!trimmed.startsWith(MARKER)) continue;
    const { line, col } = source.lineColOfByte(token.start);
    const [rule = '', ...reason] = trimmed.slice(MARKER.length).trim().split(/\s+/);
    if (!ruleIds.has(rule)) {
      findings.push({ file: path, line, col, severity: 'error', code: 'waiver', message: `waiver names unknown rule "${rule}"`,
        fix: `write -- ${MARKER} <rule-id> <reason>, with one of: ${[...ruleIds].join(', ')}` });
      continue;
    }
    if (reason.join(' ').trim() === '') {
      findings.push({ file: path, line, col, severity: 'error', code: 'waiver', message: `waiver of ${rule} has no reason`,
        fix: `write -- ${MARKER} ${rule} <why this statement is fine>` });
      continue;
    }
    // A comment alone on its line waives the statement below it; a trailing one, the statement it ends.
    const startIndex = source.indexOfByte(token.start);
    const alone = source.text.slice(source.lineStart(line), startIndex).trim() === '';
    // Waivers stacked on their own lines (with other comments) above a statement all reach it.
    let target = line;
    while (alone && /^\s*--/.test(lines[target] ?? '')) target += 1;
    const ranges = spans.filter(([start, end]) => (alone ? start - 1 <= target : start <= line) && target <= end);
    waivers.push({ rule, ranges: ranges.length ? ranges : [[line, line + 1]] });
  }
  return { waivers, findings };
}

export function isWaivedInline(finding: Finding, waivers: readonly InlineWaiver[]): boolean {
  return waivers.some((w) => w.rule === finding.code && w.ranges.some(([start, end]) => finding.line >= start && finding.line <= end));
}

/** Checks every `waive:` map of the spec: known rules, non-empty reasons. */
export function specWaiverFindings(input: SpecRuleInput): Finding[] {
  const findings: Finding[] = [];
  const check = (waive: unknown, path: string): void => {
    if (waive === undefined) return;
    if (!waive || typeof waive !== 'object' || Array.isArray(waive)) {
      findings.push(specFinding(input, path, 'error', 'waiver', 'waive must be a map of rule id -> reason', 'write waive: { rule-id: "reason" }'));
      return;
    }
    for (const [rule, reason] of Object.entries(waive)) {
      if (!ruleIds.has(rule)) {
        findings.push(specFinding(input, `${path}/${rule}`, 'error', 'waiver', `waiver names unknown rule "${rule}"`, `use one of: ${[...ruleIds].join(', ')}`));
      } else if (typeof reason !== 'string' || reason.trim() === '') {
        findings.push(specFinding(input, `${path}/${rule}`, 'error', 'waiver', `waiver of ${rule} has no reason`, `write waive: { ${rule}: "why this is fine" }`));
      }
    }
  };
  for (const [key, table] of Object.entries(input.loaded.spec.tables ?? {})) {
    check(table?.waive, `tables/${key}/waive`);
    for (const [name, column] of Object.entries(table?.columns ?? {})) check(column?.waive, `tables/${key}/columns/${name}/waive`);
  }
  return findings;
}
