/**
 * Checklist errors refuse the plan that would write them. A spec finding with severity `error` on
 * an object the plan creates or changes (a table without RLS it grants to `authenticated`, a column
 * it adds as `timestamp`) stops `plan` before anything is written, at the YAML line: the generated
 * migration obeys the checklist by construction. Findings on objects the plan leaves alone (a
 * legacy table pulled as it is) are reported and do not block: the file touches nothing of theirs.
 * Pure.
 */
import type { Step } from '../plan/index.js';
import { pathSubject, refKey } from '../spec/spec-index.js';
import type { Spec } from '../spec/types.js';
import type { Finding } from '../util/findings.js';

/** Error findings about an object one of `steps` creates or changes. */
export function blockingFindings(findings: readonly Finding[], spec: Spec, steps: readonly Step[]): Finding[] {
  const objects = steps.map((s) => s.object);
  const touches = (key: string): boolean => objects.some((o) => o === key || o.startsWith(`${key}.`));
  const created = (table: string): boolean => steps.some((s) => s.object === table && /^\+ (?:table|partition)\b/.test(s.description));
  return findings.filter((f) => {
    if (f.severity !== 'error' || f.path === undefined) return false;
    const subject = pathSubject(f.path, spec);
    if (!subject) return false;
    const table = refKey(subject.specKey) ?? subject.specKey;
    return subject.column !== undefined ? touches(`${table}.${subject.column}`) || created(table) : touches(table);
  });
}
