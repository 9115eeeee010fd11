/** What `plan` prints: text for a terminal, JSON for machines, markdown for a pull-request comment. */
import { bold, dim, green, red, yellow } from '../util/colors.js';
import type { Finding } from '../util/findings.js';
import { formatFinding } from '../util/findings.js';
import { mdCell, mdCode, visible } from '../util/display.js';
import type { SecurityChange } from './security-summary.js';

export interface PlanReport {
  readonly status: 'no-changes' | 'written' | 'dry-run' | 'refused';
  readonly name?: string;
  readonly version?: number;
  readonly files?: { readonly forward: string; readonly rollback: string };
  /** `breaks`: with the `breaks-clients` hazard, what the app version still deployed loses. */
  readonly changes: readonly { readonly description: string; readonly hazards: readonly string[]; readonly breaks?: string }[];
  readonly hazards: readonly string[];
  readonly findings: readonly Finding[];
  readonly security: readonly SecurityChange[];
  readonly forwardSql?: string;
  readonly rollbackSql?: string;
  readonly preState?: string;
  readonly postState?: string;
  readonly verified: boolean;
  readonly timings: Readonly<Record<string, number>>;
}

function sign(description: string): string {
  return description.startsWith('+') || description.startsWith('-') || description.startsWith('~') ? description : `~ ${description}`;
}

export function renderText(report: PlanReport, color: boolean): string {
  if (report.status === 'no-changes') return 'No changes';
  const lines: string[] = [];
  const title =
    report.status === 'written'
      ? `Planned ${report.name}: ${report.files?.forward} and ${report.files?.rollback}`
      : report.status === 'dry-run'
        ? `Plan ${report.name} (dry run, nothing written)`
        : `Plan refused (nothing written)`;
  lines.push(bold(color, title), '');
  for (const change of report.changes) {
    const text = sign(change.description);
    const painted = text.startsWith('+') ? green(color, text) : text.startsWith('-') ? red(color, text) : yellow(color, text);
    lines.push(`  ${painted}${change.hazards.length ? dim(color, `  [${change.hazards.join(', ')}]`) : ''}`);
  }
  if (report.hazards.length) lines.push('', `Hazards: ${report.hazards.join(', ')}`);
  const breaks = breakage(report);
  if (breaks.length) {
    lines.push('', 'Breaks the app version still deployed (breaks-clients); it loses:');
    for (const b of breaks) lines.push(`  ${visible(b)}`);
  }
  if (report.security.length) {
    lines.push('', 'Security:');
    for (const change of report.security) lines.push(`  ${visible(change.table)}: ${change.text.replaceAll('`', '').replaceAll('**', '')}`);
  }
  if (report.findings.length) {
    lines.push('', 'Checklist:');
    for (const finding of report.findings) lines.push(`  ${formatFinding(finding).replaceAll('\n', '\n  ')}`);
  }
  if (report.verified) lines.push('', dim(color, 'Verified on a shadow database: forward, forward again, re-plan empty, rollback.'));
  if (report.forwardSql && report.status !== 'refused') lines.push('', dim(color, '-- forward'), report.forwardSql.trimEnd());
  return lines.join('\n');
}

/** What the deployed app version loses, one line per breaking change, in plan order. */
function breakage(report: PlanReport): string[] {
  return report.changes.flatMap((c) => (c.breaks === undefined ? [] : [c.breaks]));
}

export function renderJson(report: PlanReport): string {
  return JSON.stringify(report, null, 2);
}

export function renderMarkdown(report: PlanReport): string {
  if (report.status === 'no-changes') return '### schema plan\n\nNo changes.';
  const lines: string[] = [`### schema plan: \`${report.name ?? 'refused'}\``, ''];
  lines.push('#### Security');
  if (report.security.length === 0) lines.push('', 'No change to grants, RLS or policies.');
  else {
    lines.push('', '| table | change |', '| --- | --- |');
    for (const change of report.security) lines.push(`| ${mdCell(mdCode(change.table))} | ${mdCell(change.text)} |`);
  }
  lines.push('', '#### Changes', '');
  for (const change of report.changes) {
    lines.push(`- ${sign(change.description)}${change.hazards.length ? ` ⚠️ ${change.hazards.join(', ')}` : ''}`);
  }
  lines.push('', `**Hazards:** ${report.hazards.length ? report.hazards.join(', ') : 'none'}`);
  const breaks = breakage(report);
  if (breaks.length) {
    lines.push('', '#### Backwards compatibility', '', 'The app version still deployed while this runs loses:', '');
    for (const b of breaks) lines.push(`- ${b.replace(/\b((?:table|column|columns|enum|inserts into) )([^\s:,(]+)/g, (_, verb: string, name: string) => `${verb}${mdCode(name)}`)}`);
  }
  if (report.findings.length) {
    lines.push('', '#### Checklist', '');
    for (const f of report.findings) lines.push(`- ${mdCode(`${f.file}:${f.line}:${f.col}`)} **${f.severity} ${f.code}**: ${visible(f.message)}`);
  }
  if (report.forwardSql) lines.push('', '<details><summary>Forward SQL</summary>', '', '```sql', report.forwardSql.trimEnd(), '```', '', '</details>');
  if (report.rollbackSql) lines.push('', '<details><summary>Rollback SQL</summary>', '', '```sql', report.rollbackSql.trimEnd(), '```', '', '</details>');
  return lines.join('\n');
}
