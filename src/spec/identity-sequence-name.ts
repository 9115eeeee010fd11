/**
 * The name PostgreSQL gives an identity column's sequence: `<table>_<column>_seq`, the longer of
 * the two parts cut (by bytes, on a character boundary) until the name fits in 63 bytes, as
 * ChooseRelationName/makeObjectName do.
 */
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export function identitySequenceName(table: string, column: string): string {
  let t = [...table];
  let c = [...column];
  const fits = (): boolean => bytes(`${t.join('')}_${c.join('')}_seq`) <= 63;
  while (!fits()) {
    if (bytes(t.join('')) >= bytes(c.join(''))) t = t.slice(0, -1);
    else c = c.slice(0, -1);
  }
  return `${t.join('')}_${c.join('')}_seq`;
}
