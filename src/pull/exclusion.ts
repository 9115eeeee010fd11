/**
 * Pure: an exclusion constraint's definition (`pg_get_constraintdef`) split into the spec's parts:
 * `EXCLUDE USING gist (room WITH =, during WITH &&) INCLUDE (a) WHERE (cond) DEFERRABLE`.
 */

export interface ExclusionParts {
  readonly using: string;
  /** `[key, operator]`, the key as Postgres prints it. */
  readonly elements: readonly (readonly [string, string])[];
  readonly include: readonly string[];
  readonly where?: string;
}

/** Index of the parenthesis closing the one at `open`, skipping quoted text; -1 when unbalanced. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** `text` split at top-level commas (outside parentheses and quotes). */
export function splitTopLevel(text: string, separator = ','): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      out.push(text.slice(start, i).trim());
      start = i + separator.length;
      i = start - 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

/** The parts of an exclusion definition, or undefined when it does not read as one. */
export function exclusionParts(definition: string): ExclusionParts | undefined {
  const head = /^EXCLUDE USING (\S+) \(/.exec(definition);
  if (!head) return undefined;
  const open = head[0].length - 1;
  const close = closing(definition, open);
  if (close < 0) return undefined;
  const elements: [string, string][] = [];
  for (const element of splitTopLevel(definition.slice(open + 1, close))) {
    const parts = splitTopLevel(element, ' WITH ');
    if (parts.length < 2) return undefined;
    elements.push([parts.slice(0, -1).join(' WITH '), parts.at(-1)!]);
  }
  let rest = definition.slice(close + 1);
  let include: string[] = [];
  if (rest.startsWith(' INCLUDE (')) {
    const end = closing(rest, ' INCLUDE '.length);
    if (end < 0) return undefined;
    include = splitTopLevel(rest.slice(' INCLUDE ('.length, end));
    rest = rest.slice(end + 1);
  }
  let where: string | undefined;
  if (rest.startsWith(' WHERE (')) {
    const end = closing(rest, ' WHERE '.length);
    if (end < 0) return undefined;
    where = rest.slice(' WHERE ('.length, end);
    rest = rest.slice(end + 1);
  }
  if (!/^( DEFERRABLE( INITIALLY (DEFERRED|IMMEDIATE))?)?$/.test(rest)) return undefined;
  return { using: head[1]!, elements, include, ...(where !== undefined ? { where } : {}) };
}
