/** Identifier quoting and qualified names. Every identifier that reaches SQL goes through here. */

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_$]*$/;

/** Keywords that must be quoted even when lower-case (reserved and column-name keywords). */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate ' +
    'collation column concurrently constraint create cross current_catalog current_date current_role ' +
    'current_schema current_time current_timestamp current_user default deferrable desc distinct do else end ' +
    'except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into ' +
    'is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on ' +
    'only or order outer overlaps placing primary references returning right select session_user similar some ' +
    'symmetric system_user table tablesample then to trailing true union unique user using variadic verbose when ' +
    'where window with between bigint bit boolean char character coalesce dec decimal exists extract float ' +
    'greatest grouping inout int integer interval least national nchar none normalize nullif numeric out overlay ' +
    'position precision real row setof smallint substring time timestamp treat trim values varchar xmlattributes ' +
    'xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable json ' +
    'json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize ' +
    'json_table json_value merge_action'
  ).split(' '),
);

/** Quotes an identifier when Postgres needs it: `"a""b"` for `a"b`. */
export function quoteIdent(name: string): string {
  if (PLAIN_IDENTIFIER.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.name` quoted part by part. */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A SQL string literal: `'it''s'`. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Catalog key of a schema-scoped object: `schema.name`, unquoted. */
export function qualifiedName(schema: string, name: string): string {
  return `${schema}.${name}`;
}

/**
 * Splits a catalog key produced by `qualifiedName`. Schema names in a key never contain a dot
 * followed by more text that is ambiguous because keys are built from catalog rows: the schema is
 * everything up to the first dot unless the schema itself was quoted in a spec reference (see
 * `parseQualifiedReference` for user-written names).
 */
export function splitQualified(key: string): { schema: string; name: string } {
  const dot = key.indexOf('.');
  if (dot < 0) return { schema: 'public', name: key };
  return { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

/**
 * Parses a user-written reference such as `auth.users`, `"My Schema"."T.1"` or `profiles`
 * (defaulting to `public`). Returns undefined when it is not a well-formed reference.
 */
export function parseQualifiedReference(
  text: string,
  defaultSchema = 'public',
): { schema: string; name: string } | undefined {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let part = '';
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += text[i];
        i++;
      }
      parts.push(part);
    } else {
      const end = text.indexOf('.', i);
      const raw = end < 0 ? text.slice(i) : text.slice(i, end);
      if (raw.length === 0) return undefined;
      parts.push(raw);
      i = end < 0 ? text.length : end;
      if (end >= 0) {
        i = end; // handled below
      }
    }
    if (i < text.length) {
      if (text[i] !== '.') return undefined;
      i++;
      if (i >= text.length) return undefined;
    }
  }
  if (parts.length === 1) return { schema: defaultSchema, name: parts[0]! };
  if (parts.length === 2) return { schema: parts[0]!, name: parts[1]! };
  return undefined;
}

/**
 * One `name=value` entry as PostgreSQL keeps options and settings (`reloptions`, `proconfig`): the
 * value is undefined when there is no `=`.
 */
export function splitOption(option: string): { name: string; value: string | undefined } {
  const eq = option.indexOf('=');
  return eq < 0 ? { name: option, value: undefined } : { name: option.slice(0, eq), value: option.slice(eq + 1) };
}
