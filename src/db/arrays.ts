/**
 * Pure: PostgreSQL's text form of arrays (`{a,"b c",NULL}`, `{{1,2},{3,4}}`), both ways, for the
 * built-in element types the tool and its users read. The driver is given these instead of reading
 * every array type from the server on each new connection (a query per connection before its first
 * statement). Arrays of other element types come back as the server's text.
 */

type Element = string | number | bigint | boolean | null;
export type ArrayValue = Element | ArrayValue[];

/** `{a,"b c",NULL}` -> `['a', 'b c', null]`, nested arrays as nested lists; `element` reads each non-NULL element. */
export function parseArray(text: string, element: (raw: string) => Element = (raw) => raw): ArrayValue[] {
  // One flat list with no quoted element (`{select,update}`) splits at its commas.
  if (text.startsWith('{') && !text.includes('"') && text.indexOf('{', 1) < 0) {
    if (text.length === 2) return [];
    return text
      .slice(1, -1)
      .split(',')
      .map((raw) => (raw === 'NULL' ? null : element(raw)));
  }
  // An explicit lower bound (`[0:1]={a,b}`) prefixes the braces.
  const start = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const state = { i: start };
  return readList(text, state, element);
}

function readList(text: string, state: { i: number }, element: (raw: string) => Element): ArrayValue[] {
  const out: ArrayValue[] = [];
  state.i++; // the opening brace
  if (text[state.i] === '}') {
    state.i++;
    return out;
  }
  while (state.i < text.length) {
    const ch = text[state.i];
    if (ch === '{') {
      out.push(readList(text, state, element));
    } else if (ch === '"') {
      let value = '';
      let i = state.i + 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        value += text[i];
        i++;
      }
      state.i = i + 1;
      out.push(element(value));
    } else {
      let end = state.i;
      while (end < text.length && text[end] !== ',' && text[end] !== '}') end++;
      const raw = text.slice(state.i, end);
      state.i = end;
      out.push(raw === 'NULL' ? null : element(raw));
    }
    // `,` between elements, `}` at the end of this list.
    if (text[state.i] === '}') {
      state.i++;
      return out;
    }
    state.i++;
  }
  return out;
}

/** `['a', 'b c', null]` -> `{"a","b c",NULL}`: every element quoted, so any text round-trips. */
export function serializeArray(values: readonly unknown[]): string {
  const parts = values.map((value): string => {
    if (value === null || value === undefined) return 'NULL';
    if (Array.isArray(value)) return serializeArray(value);
    const text = value instanceof Date ? value.toISOString() : String(value);
    return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  });
  return `{${parts.join(',')}}`;
}

const asText = (raw: string): string => raw;
const asNumber = (raw: string): number => Number(raw);
const asBigInt = (raw: string): bigint => BigInt(raw);
const asBoolean = (raw: string): boolean => raw === 't';

/** Array type OIDs and how their elements read: as the driver reads the same scalar types. */
export const ARRAY_TYPES: readonly { readonly oid: number; readonly element: (raw: string) => Element }[] = [
  { oid: 1009, element: asText }, // text[]
  { oid: 1003, element: asText }, // name[]
  { oid: 1015, element: asText }, // varchar[]
  { oid: 1014, element: asText }, // bpchar[]
  { oid: 1002, element: asText }, // "char"[]
  { oid: 2951, element: asText }, // uuid[]
  { oid: 1005, element: asNumber }, // int2[]
  { oid: 1007, element: asNumber }, // int4[]
  { oid: 1028, element: asNumber }, // oid[]
  { oid: 1021, element: asNumber }, // float4[]
  { oid: 1022, element: asNumber }, // float8[]
  { oid: 1016, element: asBigInt }, // int8[]
  { oid: 1000, element: asBoolean }, // bool[]
];
