/** Shared pieces of the rules: findings at SQL and YAML positions, names, waivers in the YAML. */
import { analyzeStatements, type FileAnalysis, type Unit } from '../sql/analyze.js';
import type { ColumnSpec, LoadedSpec, TableSpec } from '../spec/types.js';
import type { Finding, Severity } from '../util/findings.js';
import type { RuleOptions, SpecRuleInput, SqlFileInput } from './types.js';

export function analysisOf(input: SqlFileInput): FileAnalysis {
  return analyzeStatements(input.text, input.statements);
}

export function sqlFinding(
  input: SqlFileInput,
  unit: Unit,
  location: number | undefined,
  severity: Severity,
  code: string,
  message: string,
  fix: string,
): Finding {
  const { line, col } = unit.at(location);
  return { file: input.path, line, col, severity, code, message, fix };
}

export function isExposed(schema: string, options: RuleOptions): boolean {
  return options.exposedSchemas.includes(schema);
}

export function isGenerated(options: RuleOptions): boolean {
  return options.mode === 'generated';
}

/** `auth.users`, `users`, `public.users`: the tables user-owned data hangs off. */
export function isUsersTable(name: string): boolean {
  const parts = name.split('.');
  return parts[parts.length - 1] === 'users';
}

/** Splits a spec table key (`auth.users`, `notifications`) into schema and name. */
export function splitTableKey(key: string): { schema: string; name: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { schema: 'public', name: key } : { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

export function qualifiedKey(key: string): string {
  const { schema, name } = splitTableKey(key);
  return `${schema}.${name}`;
}

/** Position of a spec path, or of its nearest ancestor that has one. */
export function specPosition(loaded: LoadedSpec, path: string): { file: string; line: number; col: number } {
  let key = path;
  for (;;) {
    const position = loaded.positions.get(key);
    if (position) return position;
    const slash = key.lastIndexOf('/');
    if (slash < 0) break;
    key = key.slice(0, slash);
  }
  return { file: loaded.files[0] ?? 'schema', line: 1, col: 1 };
}

export function specFinding(
  input: SpecRuleInput,
  path: string,
  severity: Severity,
  code: string,
  message: string,
  fix: string,
): Finding {
  return { ...specPosition(input.loaded, path), severity, code, message, fix, path };
}

/** A rule is waived for a table (and all its columns) or for one column, with a reason. */
export function isWaived(rule: string, table: TableSpec | undefined, column?: ColumnSpec): boolean {
  const reason = (w: Readonly<Record<string, string>> | undefined): boolean =>
    typeof w?.[rule] === 'string' && w[rule]!.trim() !== '';
  return reason(table?.waive) || reason(column?.waive);
}

export function tablesOf(input: SpecRuleInput): [string, TableSpec][] {
  return Object.entries(input.loaded.spec.tables ?? {});
}

/** Policies of a table that apply to a role for a command (`to` absent means every role). */
export function hasPolicyFor(table: TableSpec, role: string, command: string): boolean {
  return Object.values(table.policies ?? {}).some((policy) => {
    const forCommand = policy.for ?? 'all';
    const roles = policy.to === undefined ? ['public'] : typeof policy.to === 'string' ? [policy.to] : policy.to;
    return (forCommand === 'all' || forCommand === command) && (roles.includes('public') || roles.includes(role));
  });
}
