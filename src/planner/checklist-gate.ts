/**
 * Checklist errors refuse the plan that would write them. A spec finding with severity `error` on
 * an object the plan creates or changes (a table without RLS it grants to `authenticated`, a column
 * it adds as `timestamp`) stops `plan` before anything is written, at the YAML line: the generated
 * migration obeys the checklist by construction. Findings on objects the plan leaves alone (a
 * legacy table pulled as it is) are reported and do not block: the file touches nothing of theirs.
 * Pure.
 */
import type { Step } from '../plan/index.js';
import { refKey } from '../spec/spec-index.js';
import type { Spec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';

/** The catalog key a spec path is about, and whether it names a column of that table. */
function subjectOf(path: string, spec: Spec): { key: string; table: string; column: boolean } | undefined {
  for (const [section, keys] of [
    ['tables', Object.keys(spec.tables ?? {})],
    ['domains', Object.keys(spec.domains ?? {})],
  ] as const) {
    for (const specKey of keys) {
      const prefix = `${section}/${specKey}`;
      if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
      const table = refKey(specKey) ?? specKey;
      const rest = path.slice(prefix.length + 1);
      if (section === 'tables' && rest.startsWith('columns/')) {
        const column = rest.slice('columns/'.length).split('/')[0]!;
        return { key: `${table}.${column}`, table, column: true };
      }
      return { key: table, table, column: false };
    }
  }
  return undefined;
}

/** Error findings about an object one of `steps` creates or changes. */
export function blockingFindings(findings: readonly Finding[], spec: Spec, steps: readonly Step[]): Finding[] {
  const objects = steps.map((s) => s.object);
  const touches = (key: string): boolean => objects.some((o) => o === key || o.startsWith(`${key}.`));
  const created = (table: string): boolean => steps.some((s) => s.object === table && /^\+ (?:table|partition)\b/.test(s.description));
  return findings.filter((f) => {
    if (f.severity !== 'error' || f.path === undefined) return false;
    const subject = subjectOf(f.path, spec);
    if (!subject) return false;
    return subject.column ? touches(subject.key) || created(subject.table) : touches(subject.key);
  });
}
