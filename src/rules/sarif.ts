/** SARIF 2.1.0 for code scanning (GitHub, GitLab): one run, the rules as the tool's rule list. */
import type { Finding } from '../util/findings.js';
import { VERSION } from '../version.js';
import { registry } from './registry.js';

const EXTRA_RULES = [
  { id: 'syntax', title: 'SQL that PostgreSQL cannot parse' },
  { id: 'waiver', title: 'Malformed waiver' },
  { id: 'input', title: 'File that cannot be read as SQL text' },
];

const docsOf = (id: string): string | undefined => registry.find((r) => r.id === id)?.docs;

export function toSarif(findings: readonly Finding[]): object {
  const rules = [...registry.map((r) => ({ id: r.id, title: r.title, severity: r.severity })), ...EXTRA_RULES.map((r) => ({ ...r, severity: 'error' }))];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'schema',
          version: VERSION,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
            shortDescription: { text: r.title },
            ...(docsOf(r.id) ? { help: { text: r.title, markdown: docsOf(r.id) } } : {}),
            defaultConfiguration: { level: r.severity === 'error' ? 'error' : 'warning' },
          })),
        },
      },
      results: findings.map((f) => ({
        ruleId: f.code,
        ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
        level: f.severity === 'error' ? 'error' : 'warning',
        message: { text: f.fix ? `${f.message}. Fix: ${f.fix}` : f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: f.file.split('\\').join('/') },
            region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.col) },
          },
        }],
      })),
    }],
  };
}
