/**
 * PostgreSQL's default names for constraints and indexes (`makeObjectName` in the server): the
 * parts are shortened, longest first, until `<name1>_<name2>_<label>` fits in 63 bytes. The draft
 * always carries explicit names built this way, so the spec and the database agree on them without
 * relying on the server's choice (which would also add a number on a clash).
 */

const NAME_MAX_BYTES = 63;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The longest prefix of `s` that fits in `max` bytes without cutting a character. */
function clip(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (bytes(out + ch) > max) break;
    out += ch;
  }
  return out;
}

export function makeObjectName(name1: string, name2: string | undefined, label: string | undefined): string {
  let n1 = bytes(name1);
  let n2 = name2 === undefined ? 0 : bytes(name2);
  let overhead = 0;
  if (name2 !== undefined) overhead++;
  if (label !== undefined) overhead += bytes(label) + 1;
  const avail = NAME_MAX_BYTES - overhead;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  let name = clip(name1, n1);
  if (name2 !== undefined) name += `_${clip(name2, n2)}`;
  if (label !== undefined) name += `_${label}`;
  return name;
}

/** `<table>_pkey`. */
export const primaryKeyName = (table: string): string => makeObjectName(table, undefined, 'pkey');

/** `<table>_<columns>_key` / `_fkey` / `_check` for column constraints. */
export const columnConstraintName = (table: string, columns: readonly string[], label: 'key' | 'fkey' | 'check' | 'excl'): string =>
  makeObjectName(table, indexColumnNames(columns), label);

/** `<table>_<columns>_idx` (also for a unique index: `_key` is a unique constraint's), `expr` for expression keys, as ChooseIndexName does. */
export function indexName(table: string, keys: readonly string[], unique: boolean): string {
  void unique;
  return makeObjectName(table, indexColumnNames(keys), 'idx');
}

/** ChooseIndexNameAddition: the column names joined with `_`, capped at 63 bytes. */
function indexColumnNames(columns: readonly string[]): string {
  let out = '';
  for (const column of columns) {
    const part = column;
    if (out !== '') out += '_';
    out += part;
    if (bytes(out) >= NAME_MAX_BYTES) break;
  }
  return clip(out, NAME_MAX_BYTES);
}
