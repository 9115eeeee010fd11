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

/**
 * Where the key list opens: the `(` after the top-level ` USING `. Before it come only the index's
 * and the table's names; when neither is quoted, the first ` USING ` is the one (the common case,
 * found without scanning the text character by character).
 */
function keyListOpen(definition: string): number {
  const first = definition.indexOf(' USING ');
  const using = first >= 0 && definition.lastIndexOf('"', first) < 0 ? first : findTopLevel(definition, ' USING ');
  return using < 0 ? -1 : definition.indexOf('(', using);
}

/** Characters that make a list's split depend on nesting or quoting. */
const NESTED = /["'(]/;

/** `splitList`, by one split when the list holds no parenthesis or quote (plain column keys). */
function splitKeyList(text: string, open: number): { parts: string[]; end: number } | undefined {
  const close = text.indexOf(')', open);
  if (close < 0) return undefined;
  const inner = text.slice(open + 1, close);
  if (NESTED.test(inner)) return splitList(text, open);
  return { parts: inner.split(',').map((part) => part.trim()), end: close };
}

/** Key elements of `CREATE [UNIQUE] INDEX name ON table USING method (keys) ...`, or undefined when unparsable. */
export function indexKeyElements(definition: string): string[] | undefined {
  return indexColumns(definition)?.keys;
}

/** Key elements and INCLUDE columns of an index definition, or undefined when unparsable. */
export function indexColumns(definition: string): { keys: string[]; include: string[] } | undefined {
  const open = keyListOpen(definition);
  if (open < 0) return undefined;
  const keys = splitKeyList(definition, open);
  if (!keys) return undefined;
  if (!definition.startsWith(' INCLUDE (', keys.end + 1)) return { keys: keys.parts, include: [] };
  const include = splitKeyList(definition, keys.end + 1 + ' INCLUDE '.length);
  return include ? { keys: keys.parts, include: include.parts } : undefined;
}
