/**
 * Where in the YAML a failed migration statement comes from: the step comment above the statement
 * (`-- ~ column public.t.c type ...`) names the step, the step names the object, and the object's
 * declaring YAML node is the position. Pure.
 */
import type { SourcePosition } from '../spec/types.js';

export interface DescribedStep {
  readonly description: string;
  readonly object: string;
}

/** The object of the step whose statement holds `line` (1-based) of `sql`, when a step comment says so. */
export function objectAtLine(sql: string, line: number, steps: readonly DescribedStep[]): string | undefined {
  const lines = sql.split('\n');
  const byComment = new Map(steps.map((s) => [`-- ${s.description.replace(/[\r\n]+/g, ' ')}`, s.object]));
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const text = lines[i]!;
    if (!text.startsWith('-- ')) continue;
    const withoutHazards = text.replace(/ \[[^\]]*\]$/, '');
    const object = byComment.get(withoutHazards) ?? byComment.get(text);
    if (object !== undefined) return object;
  }
  return undefined;
}

export function formatPosition(p: SourcePosition): string {
  return `${p.file}:${p.line}:${p.col}`;
}
