/** Transition cases as data: `cases/<peer>/<name>.sql` with `-- @before`, `-- @after` and an optional `-- @seed`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OracleCase {
  /** `<peer>/<name>`. */
  readonly id: string;
  readonly source: string;
  readonly kind: string;
  readonly before: string;
  readonly after: string;
  /** Rows inserted into the before state; they must survive the forward step. */
  readonly seed: string;
}

export const CASES_DIR = join(import.meta.dirname, 'cases');

export function parseCase(id: string, text: string): OracleCase {
  const header = (key: string): string => text.match(new RegExp(`^-- ${key}:\\s*(.*)$`, 'm'))?.[1]?.trim() ?? '';
  const parts: Record<string, string[]> = {};
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const marker = line.match(/^-- @(before|after|seed)\s*$/);
    if (marker) current = marker[1]!;
    else if (current) (parts[current] ??= []).push(line);
  }
  if (!parts['before'] || !parts['after']) throw new Error(`${id}: a case needs both -- @before and -- @after`);
  return {
    id,
    source: header('source'),
    kind: header('kind') || 'unknown',
    before: parts['before'].join('\n').trim(),
    after: parts['after'].join('\n').trim(),
    seed: (parts['seed'] ?? []).join('\n').trim(),
  };
}

export function loadCases(dir = CASES_DIR): OracleCase[] {
  const out: OracleCase[] = [];
  for (const peer of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, peer)).sort()) {
      if (!file.endsWith('.sql')) continue;
      out.push(parseCase(`${peer}/${file.replace(/\.sql$/, '')}`, readFileSync(join(dir, peer, file), 'utf8')));
    }
  }
  return out;
}
