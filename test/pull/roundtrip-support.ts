/**
 * The round trip of the acceptance test: desired database -> pull -> YAML -> load ->
 * toCatalog -> plan from an empty catalog -> run on an empty database -> the sequence USAGE the
 * table grants imply -> introspect; both catalogs
 * must serialize identically.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { catalogJson, emptyCatalog, introspect, type Catalog } from '../../src/catalog/index.js';
import type { Db } from '../../src/db/index.js';
import { withSequenceUsage } from '../../src/catalog/sequence-usage.js';
import { buildPlan } from '../../src/plan/index.js';
import { supabasePresetSql } from '../../src/presets/supabase.js';
import { pullDatabase, pullSpec } from '../../src/pull/index.js';
import { runSteps } from '../../src/shadow/run-steps.js';
import { loadSpec, toCatalog } from '../../src/spec/index.js';
import { validateSpec } from '../../src/rules/index.js';
import { formatFinding } from '../../src/util/findings.js';
import { freshDatabase } from '../helpers/db.js';

export const PLAN_OPTIONS = { lockTimeout: '5s', statementTimeout: '5min', targetVersion: 14 } as const;

export interface RoundTrip {
  readonly before: Catalog;
  readonly after: Catalog;
  readonly schemas: readonly string[];
  readonly files: ReadonlyMap<string, string>;
}

/** Runs the round trip for a database built by `build` (after the Supabase preset). */
export async function roundTrip(build: (db: Db) => Promise<void>, server?: string): Promise<RoundTrip> {
  const desired = await freshDatabase('rt', server);
  const target = await freshDatabase('rt', server);
  const dir = mkdtempSync(join(tmpdir(), 'schema-roundtrip-'));
  try {
    await desired.db.exec(supabasePresetSql());
    await build(desired.db);
    const { catalog: before, schemas } = await pullDatabase(desired.db);
    const files = pullSpec(before, { schemas });
    for (const [file, text] of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const loaded = await loadSpec(dir);
    // The pulled YAML must be a valid spec (checklist findings are allowed: a legacy database breaks rules).
    const { errors } = validateSpec(loaded, { exposed_schemas: ['public'], preset: 'supabase' });
    if (errors.length > 0) throw new Error(`the pulled spec is invalid:\n${errors.map(formatFinding).join('\n')}`);
    const { catalog: draft, inputs } = toCatalog(loaded.spec, { preset: 'supabase' });
    const plan = buildPlan(emptyCatalog(), draft, inputs, PLAN_OPTIONS);
    await target.db.exec(supabasePresetSql());
    await runSteps(target.db, plan.forward);
    const scope = { schemas, extensions: Object.keys(before.extensions) };
    // As `schema plan` does: what PostgreSQL made of the draft, plus the sequence USAGE its table grants imply.
    const normalized = await introspect(target.db, scope);
    await runSteps(target.db, buildPlan(normalized, withSequenceUsage(normalized), inputs, PLAN_OPTIONS).forward);
    const after = await introspect(target.db, scope);
    return { before, after, schemas, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([desired.drop(), target.drop()]);
  }
}

const KINDS = ['schemas', 'extensions', 'enums', 'domains', 'sequences', 'tables', 'functions', 'views', 'externalTriggers'] as const;

/** Schema an object belongs to: its own, or for a trigger on an external table, its function's. */
function schemaOf(kind: (typeof KINDS)[number], key: string, value: unknown): string {
  if (kind === 'schemas') return key;
  if (kind === 'extensions') return '(extensions)';
  if (kind === 'externalTriggers') return String((value as { function: string }).function).split('.')[0]!;
  return key.split('.')[0]!;
}

/** `kind key: first differing line` for every object that differs, grouped by schema. */
export function differencesBySchema(a: Catalog, b: Catalog): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const kind of KINDS) {
    const left = a[kind] as Readonly<Record<string, unknown>>;
    const right = b[kind] as Readonly<Record<string, unknown>>;
    for (const key of [...new Set([...Object.keys(left), ...Object.keys(right)])].sort()) {
      const l = left[key];
      const r = right[key];
      const lj = l === undefined ? undefined : catalogJson(l as Catalog);
      const rj = r === undefined ? undefined : catalogJson(r as Catalog);
      if (lj === rj) continue;
      let detail: string;
      if (lj === undefined) detail = 'only after the round trip';
      else if (rj === undefined) detail = 'lost in the round trip';
      else {
        const ll = lj.split('\n');
        const rl = rj.split('\n');
        const i = ll.findIndex((line, n) => line !== rl[n]);
        detail = `before ${ll[i]?.trim()} | after ${rl[i]?.trim()}`;
      }
      const schema = schemaOf(kind, key, l ?? r);
      out.set(schema, [...(out.get(schema) ?? []), `${kind} ${key}: ${detail}`]);
    }
  }
  return out;
}
