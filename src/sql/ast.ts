/** Small readers over libpg-query's JSON AST: names, types, relations, and a generic walk. */

export type Node = Record<string, unknown>;

/** The body of a one-key node (`{ CreateStmt: {...} }` -> `{...}`). */
export function inner(node: unknown): Node {
  if (!node || typeof node !== 'object') return {};
  const values = Object.values(node as Node);
  return (values.length === 1 && values[0] && typeof values[0] === 'object' ? values[0] : {}) as Node;
}

export function kindOf(node: unknown): string {
  return node && typeof node === 'object' ? (Object.keys(node as Node)[0] ?? '') : '';
}

/** `[{String:{sval:'a'}}, ...]` -> `['a', ...]`. */
export function strings(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const s = (item as { String?: { sval?: string } }).String;
    return s?.sval ?? '';
  });
}

export interface RangeVar {
  readonly schemaname?: string;
  readonly relname?: string;
  readonly relpersistence?: string;
  readonly location?: number;
}

/** `schema.table` with the default schema filled in. */
export function qualified(rel: RangeVar | undefined, defaultSchema = 'public'): string {
  return `${rel?.schemaname ?? defaultSchema}.${rel?.relname ?? ''}`;
}

export function schemaOf(rel: RangeVar | undefined, defaultSchema = 'public'): string {
  return rel?.schemaname ?? defaultSchema;
}

export interface TypeNameNode {
  readonly names?: unknown[];
  readonly arrayBounds?: unknown[];
  readonly location?: number;
  readonly pct_type?: boolean;
}

/** Base type name without `pg_catalog.` (`timestamp`, `timestamptz`, `int4`, `my.enum`). */
export function typeName(type: TypeNameNode | undefined): string {
  const names = strings(type?.names);
  if (names.length === 2 && names[0] === 'pg_catalog') return names[1]!;
  return names.join('.');
}

/** Depth-first walk over every object in the AST; `visit` gets (kind, body) for one-key nodes. */
export function walk(node: unknown, visit: (kind: string, body: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Node)) {
    if (value && typeof value === 'object') {
      if (/^[A-Z]/.test(key) && !Array.isArray(value)) visit(key, value as Node);
      walk(value, visit);
    }
  }
}

/** Function name of a FuncCall body, lower-case, schema dropped when `pg_catalog`. */
export function funcName(body: Node): { schema?: string; name: string } {
  const names = strings(body['funcname']);
  const name = names[names.length - 1] ?? '';
  const schema = names.length > 1 ? names[0] : undefined;
  return schema && schema !== 'pg_catalog' ? { schema, name } : { name };
}

export function location(body: Node | undefined): number | undefined {
  const value = body?.['location'];
  return typeof value === 'number' && value >= 0 ? value : undefined;
}
