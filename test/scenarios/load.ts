/**
 * Reads a scenario directory (see README.md beside this file): its steps in order, each with its
 * YAML state, optional seed SQL and the expectations of expect.yaml. A malformed scenario throws
 * with the file and key at fault, so a typo in expect.yaml fails loudly instead of testing nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface DataCheck {
  readonly sql: string;
  /** Expected rows, as objects keyed by column name (compared after JSON round-trip). */
  readonly rows: readonly Record<string, unknown>[];
  /** Run as this role (`SET LOCAL ROLE`) in a transaction that is rolled back: what the app's role may do. */
  readonly as?: string;
}

export interface StepExpect {
  /** Extra arguments to `schema plan`. */
  readonly args: readonly string[];
  /** Exit code of `schema plan`. */
  readonly exit: number;
  /** Exactly these hazards in the plan (sorted), when given; only for a plan that succeeds. */
  readonly hazards?: readonly string[];
  /** Substrings the plan's stderr (refusal) or stdout must hold. */
  readonly stderr: readonly string[];
  readonly stdout: readonly string[];
  /** A successful plan writes a pair; `changes: false` expects `No changes`. */
  readonly changes: boolean;
  /** Data checks after apply (or, when the plan is refused, on the untouched database). */
  readonly checks: readonly DataCheck[];
  /** Roll the step back, run `rollbackChecks`, apply again, run `checks` again. */
  readonly rollback: boolean;
  readonly rollbackChecks: readonly DataCheck[];
  /** `schema check --data` after the step (after apply, or on the database a refused plan left): its exit code and output substrings. */
  readonly dataCheck?: { readonly exit: number; readonly stdout: readonly string[] };
  /** `schema check --data` after the rollback. */
  readonly rollbackDataCheck?: { readonly exit: number; readonly stdout: readonly string[] };
}

export interface Step {
  readonly name: string;
  readonly dir: string;
  readonly schemaDir: string;
  /** SQL run on the target before this step's plan (seed rows, a legacy change, ...). */
  readonly before?: string;
  readonly expect: StepExpect;
}

export interface Scenario {
  readonly name: string;
  readonly dir: string;
  /** `schema.config.yaml` text for the working directory, when the scenario has one. */
  readonly config?: string;
  /** The target gets the Supabase platform stub (auth schema, roles) unless `platform: none`. */
  readonly platform: 'supabase' | 'none';
  readonly steps: readonly Step[];
}

class ScenarioError extends Error {}

function fail(file: string, message: string): never {
  throw new ScenarioError(`${file}: ${message}`);
}

const STEP_KEYS = new Set(['args', 'exit', 'hazards', 'stderr', 'stdout', 'changes', 'checks', 'rollback', 'rollback_checks', 'data_check', 'rollback_data_check', 'description']);
const SCENARIO_KEYS = new Set(['description', 'platform', 'config']);

function strings(file: string, key: string, value: unknown): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) fail(file, `${key} must be a string or a list of strings`);
  return list as string[];
}

function checks(file: string, key: string, value: unknown): DataCheck[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(file, `${key} must be a list of { sql, rows }`);
  return value.map((item, i) => {
    if (typeof item !== 'object' || item === null || typeof item.sql !== 'string' || !Array.isArray(item.rows)) {
      fail(file, `${key}[${i}] must be { sql: "SELECT ...", rows: [{ column: value }, ...] }`);
    }
    const extra = Object.keys(item).filter((k) => !['sql', 'rows', 'as'].includes(k));
    if (extra.length > 0) fail(file, `${key}[${i}]: unknown key "${extra[0]}" (known: sql, rows, as)`);
    if (item.as !== undefined && (typeof item.as !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(item.as))) fail(file, `${key}[${i}].as must be a role name`);
    return { sql: item.sql as string, rows: item.rows as Record<string, unknown>[], ...(item.as ? { as: item.as as string } : {}) };
  });
}

function dataCheckOf(file: string, value: unknown): { exit: number; stdout: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(file, 'data_check must be { exit, stdout }');
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!['exit', 'stdout'].includes(key)) fail(file, `data_check: unknown key "${key}" (known: exit, stdout)`);
  const exit = v['exit'] ?? 0;
  if (!Number.isInteger(exit)) fail(file, 'data_check.exit must be an integer');
  return { exit: exit as number, stdout: strings(file, 'data_check.stdout', v['stdout']) };
}

function readExpect(file: string): StepExpect {
  const raw: unknown = existsSync(file) ? parse(readFileSync(file, 'utf8')) : {};
  const e = (raw ?? {}) as Record<string, unknown>;
  if (typeof e !== 'object' || Array.isArray(e)) fail(file, 'expected a map');
  for (const key of Object.keys(e)) if (!STEP_KEYS.has(key)) fail(file, `unknown key "${key}" (known: ${[...STEP_KEYS].join(', ')})`);
  const exit = e['exit'] ?? 0;
  if (!Number.isInteger(exit)) fail(file, 'exit must be an integer');
  const hazards = e['hazards'] === undefined ? undefined : strings(file, 'hazards', e['hazards']).sort();
  return {
    args: strings(file, 'args', e['args']),
    exit: exit as number,
    ...(hazards ? { hazards } : {}),
    stderr: strings(file, 'stderr', e['stderr']),
    stdout: strings(file, 'stdout', e['stdout']),
    changes: e['changes'] !== false,
    checks: checks(file, 'checks', e['checks']),
    rollback: e['rollback'] === true,
    rollbackChecks: checks(file, 'rollback_checks', e['rollback_checks']),
    ...(e['data_check'] !== undefined ? { dataCheck: dataCheckOf(file, e['data_check']) } : {}),
    ...(e['rollback_data_check'] !== undefined ? { rollbackDataCheck: dataCheckOf(file, e['rollback_data_check']) } : {}),
  };
}

export function loadScenario(dir: string, name: string): Scenario {
  const file = join(dir, 'scenario.yaml');
  const meta = (existsSync(file) ? parse(readFileSync(file, 'utf8')) : {}) ?? {};
  for (const key of Object.keys(meta)) if (!SCENARIO_KEYS.has(key)) fail(file, `unknown key "${key}" (known: ${[...SCENARIO_KEYS].join(', ')})`);
  const platform = meta.platform ?? 'supabase';
  if (platform !== 'supabase' && platform !== 'none') fail(file, 'platform must be supabase or none');
  if (meta.config !== undefined && (typeof meta.config !== 'object' || meta.config === null)) fail(file, 'config must be a map of schema.config.yaml settings');
  const stepNames = readdirSync(dir)
    .filter((entry) => /^step\d+$/.test(entry) && statSync(join(dir, entry)).isDirectory())
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  if (stepNames.length === 0) fail(dir, 'a scenario needs step1/, step2/, ... directories');
  const steps = stepNames.map((step): Step => {
    const stepDir = join(dir, step);
    const schemaDir = join(stepDir, 'schema');
    if (!existsSync(schemaDir)) fail(stepDir, 'each step needs a schema/ directory with the YAML state');
    const before = join(stepDir, 'before.sql');
    return {
      name: step,
      dir: stepDir,
      schemaDir,
      ...(existsSync(before) ? { before: readFileSync(before, 'utf8') } : {}),
      expect: readExpect(join(stepDir, 'expect.yaml')),
    };
  });
  return {
    name,
    dir,
    platform,
    ...(meta.config ? { config: JSON.stringify(meta.config) } : {}),
    steps,
  };
}

/** Every scenario under `root`, or only those named in `filter` (comma-separated). */
export function loadScenarios(root: string, filter: string | undefined): Scenario[] {
  const wanted = filter ? new Set(filter.split(',').map((s) => s.trim()).filter(Boolean)) : undefined;
  const names = readdirSync(root)
    .filter((entry) => statSync(join(root, entry)).isDirectory())
    .sort();
  if (wanted) {
    const unknown = [...wanted].filter((name) => !names.includes(name));
    if (unknown.length > 0) throw new ScenarioError(`SCENARIO names no scenario: ${unknown.join(', ')} (have: ${names.join(', ')})`);
  }
  return names.filter((name) => !wanted || wanted.has(name)).map((name) => loadScenario(join(root, name), name));
}
