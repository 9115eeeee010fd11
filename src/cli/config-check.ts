/** Pure: the settings of `schema.config.yaml`, checked one by one, each error at its line. */
import { didYouMean } from '../spec/suggest.js';
import type { SourcePosition } from '../spec/types.js';
import type { Finding } from '../util/findings.js';
import type { Config } from '../config/index.js';

/** A PostgreSQL duration: a number, optionally with a unit (`5s`, `15min`, `500ms`). */
const DURATION = /^\d+(?:\.\d+)?\s*(?:us|ms|s|min|h|d)?$/;

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** A setting's value as the Config holds it, or an error message and fix. */
type Check = (value: unknown) => { value: unknown } | { message: string; fix: string };

/** A non-empty text (a path or a URL). */
const text = (message: string, fix: string): Check => (v) => (nonEmpty(v) ? { value: v } : { message, fix });

/** A PostgreSQL duration; a bare integer is milliseconds, as PostgreSQL reads it. */
function duration(name: string, example: string): Check {
  return (v) => {
    const given = Number.isInteger(v) && (v as number) >= 0 ? String(v) : v;
    return typeof given === 'string' && DURATION.test(given.trim())
      ? { value: given.trim() }
      : { message: `${name} must be a duration such as ${example}, not ${JSON.stringify(v)}`, fix: `e.g. \`${name}: ${example}\` (units: us, ms, s, min, h, d)` };
  };
}

/** What each setting accepts. */
const SETTINGS: Record<keyof Config, Check> = {
  schema: text('schema must be a directory path', 'e.g. `schema: schema`'),
  migrations: text('migrations must be a directory path', 'e.g. `migrations: generated-migrations`'),
  db: text('db must be a database URL', 'e.g. `db: postgres://user@localhost:5432/app`, or set DATABASE_URL instead'),
  shadow_url: text('shadow_url must be a database URL', 'e.g. `shadow_url: postgres://user@localhost:5432/postgres`'),
  preset: (v) =>
    v === 'supabase' || v === 'none' ? { value: v } : { message: `preset must be supabase or none, not ${JSON.stringify(v)}`, fix: 'write `preset: supabase` or `preset: none`' },
  target_version: (v) =>
    Number.isInteger(v) && (v as number) >= 14 && (v as number) <= 18
      ? { value: v }
      : { message: `target_version must be a PostgreSQL major version from 14 to 18, not ${JSON.stringify(v)}`, fix: 'e.g. `target_version: 15`' },
  lock_timeout: duration('lock_timeout', '5s'),
  statement_timeout: duration('statement_timeout', '15min'),
  backfill_rows: (v) =>
    Number.isInteger(v) && (v as number) >= 1
      ? { value: v }
      : { message: `backfill_rows must be a whole number of rows per batch, not ${JSON.stringify(v)}`, fix: 'e.g. `backfill_rows: 1000`' },
  backfill_pause: (v) => {
    const given = Number.isInteger(v) && (v as number) >= 0 ? `${String(v)}ms` : v;
    return typeof given === 'string' && /^\d+(?:\.\d+)?\s*(?:us|ms|s|min|h)?$/.test(given.trim())
      ? { value: given.trim() }
      : { message: `backfill_pause must be a duration such as 20ms, not ${JSON.stringify(v)}`, fix: 'e.g. `backfill_pause: 20ms` (units: us, ms, s, min, h)' };
  },
  exposed_schemas: (v) =>
    Array.isArray(v) && v.every(nonEmpty)
      ? { value: Object.freeze([...v]) }
      : { message: 'exposed_schemas must be a list of schema names', fix: 'e.g. `exposed_schemas: [public]`' },
  sample_rows: (v) =>
    Number.isInteger(v) && (v as number) >= 0
      ? { value: v }
      : { message: `sample_rows must be a whole number of rows, 0 or more, not ${JSON.stringify(v)}`, fix: 'e.g. `sample_rows: 1000` (0 proves plans on the schema alone)' },
};

const CONFIG_KEYS: readonly string[] = Object.keys(SETTINGS).sort();

/** The settings a config file wrote itself (not defaulted), by the Config checkConfig returned. */
const WRITTEN = new WeakMap<Config, ReadonlySet<string>>();

/** Whether `config` came from a file that sets `key` (e.g. lock_timeout), rather than a built-in default. */
export function configSets(config: Config, key: keyof Config): boolean {
  return WRITTEN.get(config)?.has(key) ?? false;
}

/** The settings of the file over `defaults`, and an error finding for each setting that is wrong. */
export function checkConfig(
  file: string,
  value: unknown,
  positions: ReadonlyMap<string, SourcePosition>,
  defaults: Config,
): { config: Config; findings: Finding[] } {
  if (value === undefined || value === null) return { config: defaults, findings: [] };
  const finding = (key: string, code: string, message: string, fix: string): Finding => {
    const at = positions.get(key) ?? { line: 1, col: 1 };
    return { file, line: at.line, col: at.col, severity: 'error', code, message, fix };
  };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { config: defaults, findings: [finding('', 'config', 'expected a map of settings', `write settings as \`name: value\` lines; known: ${CONFIG_KEYS.join(', ')}`)] };
  }
  const findings: Finding[] = [];
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, raw] of Object.entries(value)) {
    const check = Object.hasOwn(SETTINGS, key) ? SETTINGS[key as keyof Config] : undefined;
    if (!check) {
      const near = didYouMean(key, CONFIG_KEYS);
      findings.push(finding(key, 'unknown-key', `unknown setting "${key}"`, near ? `did you mean \`${near}\`?` : `known settings: ${CONFIG_KEYS.join(', ')}`));
      continue;
    }
    const result = check(raw);
    if ('value' in result) out[key] = result.value;
    else findings.push(finding(key, 'config', result.message, result.fix));
  }
  const config = Object.freeze(out) as unknown as Config;
  WRITTEN.set(config, new Set(Object.keys(value).filter((key) => Object.hasOwn(SETTINGS, key))));
  return { config, findings };
}
