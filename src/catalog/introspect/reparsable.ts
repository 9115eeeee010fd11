/**
 * Deparsed expressions made to read back as the same expression. PostgreSQL prints an array whose
 * elements are coerced as a whole (`tier IN ('free', 'plus')` on a varchar column) as
 * `ARRAY['free'::character varying, ...]::text[]`; read back, a cast right on an ARRAY[] constructor
 * is pushed into its elements (`ARRAY['free'::character varying::text, ...]`), with or without
 * parentheses around the constructor, so a planned constraint would never match its spec. Casting
 * the constructor to its own element type first keeps the outer cast a cast of the array:
 * `(ARRAY['free'::character varying, ...]::character varying[])::text[]`, which PostgreSQL prints
 * back exactly as it printed the original.
 */

/** Index just past the literal, quoted identifier or bracket group starting at `i`, else `i + 1`. */
function skip(text: string, i: number): number {
  const ch = text[i];
  if (ch === "'" || ch === '"') {
    let j = i + 1;
    while (j < text.length) {
      if (text[j] === ch) {
        if (text[j + 1] === ch) j += 2;
        else return j + 1;
      } else j++;
    }
    return j;
  }
  if (ch === '(' || ch === '[') {
    const close = ch === '(' ? ')' : ']';
    let j = i + 1;
    while (j < text.length && text[j] !== close) j = skip(text, j);
    return j + 1;
  }
  return i + 1;
}

/** Splits at top-level commas. */
function topLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; ) {
    if (text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      i += separator.length;
      start = i;
    } else i = skip(text, i);
  }
  parts.push(text.slice(start));
  return parts;
}

/** The type an element is cast to at its top level (`'a'::character varying` -> `character varying`). */
function castType(element: string): string | undefined {
  const parts = topLevel(element.trim(), '::');
  if (parts.length < 2) return undefined;
  const type = parts[parts.length - 1]!.trim();
  return /^[A-Za-z_"][\w\s."$()[\],]*$/.test(type) && !type.endsWith(']') ? type : undefined;
}

export function reparsable(expression: string): string {
  if (!expression.includes('ARRAY[')) return expression;
  let out = '';
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i]!;
    const atArray = expression.startsWith('ARRAY[', i) && (i === 0 || !/[\w$"]/.test(expression[i - 1]!));
    if (!atArray) {
      const next = ch === "'" || ch === '"' ? skip(expression, i) : i + 1;
      out += expression.slice(i, next);
      i = next;
      continue;
    }
    const open = i + 'ARRAY'.length;
    const end = skip(expression, open);
    const inner = reparsable(expression.slice(open + 1, end - 1));
    const array = `ARRAY[${inner}]`;
    i = end;
    if (!expression.startsWith('::', end)) {
      out += array;
      continue;
    }
    const types = new Set(topLevel(inner, ',').map(castType));
    const [type] = [...types];
    out += types.size === 1 && type !== undefined ? `(${array}::${type}[])` : array;
  }
  return out;
}
