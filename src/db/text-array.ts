/**
 * Pure: PostgreSQL's text form of a one-dimensional array of text (`{a,"b c",NULL}`), both ways.
 * The driver is given these for text-like array types instead of reading every array type from the
 * server on each new connection (a query per connection before the first real one).
 */

/** OIDs of `text[]`, `name[]`, `varchar[]` and `bpchar[]`: arrays whose elements are read as strings. */
export const TEXT_ARRAY_OIDS: readonly number[] = [1009, 1003, 1015, 1014];

/** `{a,"b c",NULL}` -> `['a', 'b c', null]`. Elements are strings; an unquoted NULL is null. */
export function parseTextArray(text: string): (string | null)[] {
  const out: (string | null)[] = [];
  // An explicit lower bound (`[0:1]={a,b}`) prefixes the braces.
  let i = text.startsWith('[') ? text.indexOf('=') + 2 : 1;
  if (text[i] === '}') return out;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        value += text[i];
        i++;
      }
      i++;
      out.push(value);
    } else {
      const end = nextDelimiter(text, i);
      value = text.slice(i, end);
      out.push(value === 'NULL' ? null : value);
      i = end;
    }
    // `,` between elements, `}` at the end.
    if (text[i] === '}') break;
    i++;
  }
  return out;
}

function nextDelimiter(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === ',' || text[i] === '}') return i;
  }
  return text.length;
}

/** `['a', 'b c', null]` -> `{"a","b c",NULL}`: every element quoted, so any text round-trips. */
export function serializeTextArray(values: readonly (string | null | undefined)[]): string {
  const parts = values.map((value) =>
    value === null || value === undefined ? 'NULL' : `"${String(value).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return `{${parts.join(',')}}`;
}
