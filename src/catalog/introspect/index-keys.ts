/**
 * Pure: the key elements of an index definition as `pg_get_indexdef` prints it, each with its
 * collation, operator class, ordering and NULLS placement (which the per-column form of
 * `pg_get_indexdef(oid, k, true)` leaves out), e.g. `account_id DESC NULLS LAST`, `lower(note) text_pattern_ops`.
 */

/** Index of the first top-level occurrence of `needle` outside quotes and parentheses, or -1. */
function findTopLevel(text: string, needle: string, from = 0): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      i = skipQuoted(text, i);
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && text.startsWith(needle, i)) return i;
  }
  return -1;
}

/** Position of the closing quote of the quoted token starting at `start` (doubled quotes escape). */
function skipQuoted(text: string, start: number): number {
  const quote = text[start]!;
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i;
    }
    i++;
  }
  return text.length;
}

/** Splits the parenthesized list starting at `open` (a `(`) at top-level commas; returns the parts and the end. */
function splitList(text: string, open: number): { parts: string[]; end: number } | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      i = skipQuoted(text, i);
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) {
        parts.push(text.slice(start, i).trim());
        return { parts, end: i };
      }
    } else if (ch === ',' && depth === 1) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return undefined;
}

/** Key elements of `CREATE [UNIQUE] INDEX name ON table USING method (keys) ...`, or undefined when unparsable. */
export function indexKeyElements(definition: string): string[] | undefined {
  const using = findTopLevel(definition, ' USING ');
  if (using < 0) return undefined;
  const open = definition.indexOf('(', using);
  if (open < 0) return undefined;
  return splitList(definition, open)?.parts;
}

/** Key elements and INCLUDE columns of an index definition, or undefined when unparsable. */
export function indexColumns(definition: string): { keys: string[]; include: string[] } | undefined {
  const using = findTopLevel(definition, ' USING ');
  if (using < 0) return undefined;
  const open = definition.indexOf('(', using);
  if (open < 0) return undefined;
  const keys = splitList(definition, open);
  if (!keys) return undefined;
  const after = definition.slice(keys.end + 1);
  if (!after.startsWith(' INCLUDE (')) return { keys: keys.parts, include: [] };
  const include = splitList(definition, keys.end + 1 + ' INCLUDE '.length);
  return include ? { keys: keys.parts, include: include.parts } : undefined;
}
