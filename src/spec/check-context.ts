/** Shared state of the semantic checks: the spec index, positions and the findings being collected. */
import type { Preset } from '../presets/index.js';
import type { Finding } from '../util/findings.js';
import { positionOf } from './positions.js';
import { expressionFacts, expressionProblem, parseTypeName } from './sql-check.js';
import { didYouMean } from './suggest.js';
import { refKey, type SpecIndex } from './spec-index.js';
import type { LoadedSpec } from './types.js';

export type Path = readonly (string | number)[];

/** Types PostgreSQL knows without a schema (as the parser names them), for telling user types apart. */
const BUILTIN_TYPES = new Set(
  (
    'bool boolean bytea char bpchar varchar text name int2 int4 int8 int smallint integer bigint float4 float8 real numeric decimal money ' +
    'serial serial2 serial4 serial8 smallserial bigserial uuid json jsonb jsonpath xml date time timetz timestamp timestamptz interval ' +
    'inet cidr macaddr macaddr8 bit varbit tsvector tsquery point line lseg box path polygon circle oid regclass regproc regprocedure ' +
    'regtype regrole regnamespace regoper regoperator regconfig regdictionary pg_lsn pg_snapshot txid_snapshot int4range int8range ' +
    'numrange tsrange tstzrange daterange int4multirange int8multirange nummultirange tsmultirange tstzmultirange datemultirange ' +
    'record void trigger event_trigger anyelement anyarray anynonarray anyenum anyrange anymultirange anycompatible cstring internal ' +
    'citext hstore ltree vector halfvec geometry geography'
  ).split(' '),
);

/** Columns every table has, which an expression may name. */
const SYSTEM_COLUMNS = new Set(['ctid', 'tableoid', 'xmin', 'xmax', 'cmin', 'cmax']);

export class CheckContext {
  readonly errors: Finding[] = [];
  constructor(
    readonly loaded: LoadedSpec,
    readonly index: SpecIndex,
    readonly preset: Preset,
    readonly managedSchemas: ReadonlySet<string>,
  ) {}

  /** Findings that do not stop a plan (valid DDL that is most likely a mistake). */
  readonly warnings: Finding[] = [];

  /**
   * A role the preset defines, misspelt (`authenticatd`): the server would refuse the GRANT or the
   * policy at apply. A role far from every preset role may be the project's own: not judged offline.
   */
  role(path: Path, role: string): void {
    const known = this.preset.roles;
    if (known.length === 0 || known.includes(role) || role === 'public') return;
    const suggestion = didYouMean(role, known);
    if (suggestion === undefined) return;
    this.error(path, 'unknown-role', `role "${role}" is not a role of the ${this.preset.name} preset`, `did you mean ${suggestion}?`);
  }

  error(path: Path, code: string, message: string, fix?: string): void {
    this.errors.push({ ...positionOf(this.loaded, path), severity: 'error', code, message, ...(fix ? { fix } : {}) });
  }

  warn(path: Path, code: string, message: string, fix?: string): void {
    this.warnings.push({ ...positionOf(this.loaded, path), severity: 'warning', code, message, ...(fix ? { fix } : {}) });
  }

  /** Reports empty names, names over 63 bytes and NUL characters. */
  name(path: Path, name: string, what: string): boolean {
    if (name.length === 0) this.error(path, 'invalid-name', `${what} name is empty`, 'give it a name');
    else if (name.includes('\0')) this.error(path, 'invalid-name', `${what} name "${name.replaceAll('\0', '\\0')}" contains a NUL character`, 'remove the NUL character');
    else if (Buffer.byteLength(name, 'utf8') > 63) this.error(path, 'invalid-name', `${what} name "${name}" is ${Buffer.byteLength(name, 'utf8')} bytes; PostgreSQL names are at most 63 bytes`, 'use a shorter name');
    else return true;
    return false;
  }

  /** A qualified object key (`schema.name`): each part a valid name, the schema managed. */
  objectKey(path: Path, specKey: string, what: string): string | undefined {
    const key = refKey(specKey);
    if (key === undefined) {
      this.error(path, 'invalid-name', `${what} name "${specKey}" is not a valid name (use \`name\` or \`schema.name\`; quote parts that contain dots)`);
      return undefined;
    }
    const dot = key.indexOf('.');
    const schema = key.slice(0, dot);
    if (!this.name(path, schema, 'schema') || !this.name(path, key.slice(dot + 1), what)) return undefined;
    if (!this.managedSchemas.has(schema)) {
      this.error(path, 'unmanaged-schema', `${what} "${specKey}" is in schema "${schema}", which the spec does not manage`, `declare it under \`schemas:\` (managed: ${[...this.managedSchemas].join(', ')})`);
    }
    return key;
  }

  expression(path: Path, text: string, what: string): void {
    const problem = expressionProblem(text);
    if (problem !== undefined) {
      this.error(path, 'invalid-sql', `${what} is not one valid SQL expression: ${problem}`, 'write a single PostgreSQL expression (quote string literals with single quotes inside the YAML string)');
    }
  }

  /**
   * An expression on one table's rows: every column it names outside subqueries must be one of
   * `columns` (unqualified, or qualified by one of `qualifiers`, e.g. the table's name or NEW/OLD).
   */
  expressionOn(path: Path, text: string, what: string, columns: ReadonlySet<string> | undefined, label: string, qualifiers: readonly string[]): void {
    const facts = expressionFacts(text);
    if (facts.problem !== undefined) return this.expression(path, text, what);
    if (columns === undefined) return;
    for (const ref of facts.columnRefs) {
      const name = ref.length === 1 ? ref[0]! : ref.length === 2 && qualifiers.includes(ref[0]!.toLowerCase()) ? ref[1]! : undefined;
      if (name === undefined || columns.has(name) || SYSTEM_COLUMNS.has(name)) continue;
      const suggestion = didYouMean(name, [...columns]);
      this.error(path, 'unknown-column', `${what} names column "${name}", which ${label} does not have${suggestion ? `; did you mean "${suggestion}"?` : ''}`, `use one of: ${[...columns].join(', ')}`);
      return;
    }
  }

  /** Checks a column/argument type: one parseable type name, and spec types must exist. */
  type(path: Path, text: string, extensionsDeclared: boolean): void {
    const parsed = parseTypeName(text);
    if ('error' in parsed) {
      this.error(path, 'invalid-type', `"${text}" is not a valid type: ${parsed.error}`, 'write a PostgreSQL type such as text, uuid, timestamptz, varchar(40), numeric(10,2), text[] or a declared enum');
      return;
    }
    const names = parsed.names;
    if (names[0] === 'pg_catalog') return;
    const key = names.length === 1 ? `public.${names[0]}` : names.length === 2 ? `${names[0]}.${names[1]}` : undefined;
    if (key === undefined) return;
    const known = this.index.enums.has(key) || this.index.domains.has(key) || this.index.composites.has(key) || this.index.tables.has(key) || this.index.views.has(key);
    if (known) return;
    if (names.length === 1) {
      if (BUILTIN_TYPES.has(names[0]!.toLowerCase()) || extensionsDeclared) return;
    } else if (!this.managedSchemas.has(names[0]!)) {
      return; // a type from an unmanaged schema (e.g. extensions.citext)
    }
    const candidates = [...this.index.enums.keys(), ...this.index.domains, ...this.index.composites].map((k) => k.replace(/^public\./, ''));
    const suggestion = didYouMean(names.join('.'), [...candidates, ...BUILTIN_TYPES]);
    this.error(
      path,
      'unknown-type',
      `unknown type "${text}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      suggestion ? `use "${suggestion}"` : 'declare it under `enums:`, `domains:` or `types:`, or declare the extension that provides it under `extensions:`',
    );
  }
}
