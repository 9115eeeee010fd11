/** Findings: what validation, rules and lint report. One shape everywhere, printed one way. */

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly severity: Severity;
  /** Rule id (`timestamptz`) or a validation code (`unknown-key`, `yaml-syntax`). */
  readonly code: string;
  readonly message: string;
  /** One-line fix. */
  readonly fix?: string;
  /** For a finding on the YAML: the spec path it is about (`tables/public.t/columns/at/type`). */
  readonly path?: string;
}

/** `file:line:col severity code: message` and, on the next line, `  Fix: ...`. */
export function formatFinding(finding: Finding): string {
  const head = `${finding.file}:${finding.line}:${finding.col} ${finding.severity} ${finding.code}: ${finding.message}`;
  return finding.fix ? `${head}\n  Fix: ${finding.fix}` : head;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.col - b.col ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}

/** Error for bad input: the CLI prints the findings and exits 2, never a stack trace. */
export class InputError extends Error {
  readonly findings: readonly Finding[];
  constructor(message: string, findings: readonly Finding[] = []) {
    super(message);
    this.name = 'InputError';
    this.findings = findings;
  }
}

/** Error for an operational failure (database unreachable, apply failed): exit 1. */
export class OperationError extends Error {
  readonly exitCode: number;
  readonly findings: readonly Finding[];
  constructor(message: string, exitCode = 1, findings: readonly Finding[] = []) {
    super(message);
    this.name = 'OperationError';
    this.exitCode = exitCode;
    this.findings = findings;
  }
}
