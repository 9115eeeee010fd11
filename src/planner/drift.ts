/** Drift: does the live database still match the YAML? Used by `check` and `status`. */
import { withLiveRoles } from './live-roles.js';
import { join } from 'node:path';
import { introspect } from '../catalog/index.js';
import type { Config } from '../config/index.js';
import { connect } from '../db/index.js';
import { buildPlan, type PlanOptions } from '../plan/index.js';
import { presetNamed } from '../presets/index.js';
import { lazyShadowProvider } from '../shadow/index.js';
import { desiredCatalog, liveIsDesired } from './desired.js';
import { scopeOf, TARGET_CONNECTIONS } from './live.js';
import { shapeEvolution } from './shape-evolution.js';
import { loadAndCheckSpec } from './spec-input.js';

export interface DriftReport {
  /** One line per change needed to make the database match the YAML; empty when it matches. */
  readonly changes: readonly string[];
}

export interface DriftOptions {
  readonly cwd: string;
  readonly config: Config;
  readonly schemaDir: string;
  readonly dbUrl: string;
  readonly embedded: boolean;
}

export async function detectDrift(o: DriftOptions): Promise<DriftReport> {
  const checked = await loadAndCheckSpec(o.schemaDir, o.config, join(o.cwd, '.schema', 'cache'));
  const { inputs } = checked;
  const options: PlanOptions = {
    lockTimeout: o.config.lock_timeout,
    statementTimeout: o.config.statement_timeout,
    targetVersion: o.config.target_version,
  };
  const db = connect(o.dbUrl, { max: TARGET_CONNECTIONS });
  let major = 0;
  const shadows = lazyShadowProvider(() => ({
    shadowUrl: o.config.shadow_url,
    target: db,
    targetIsEmbedded: o.embedded,
    root: o.cwd,
    targetMajor: major,
  }));
  try {
    major = Math.floor((await db.serverVersion()) / 10000);
    const live = await introspect(db, scopeOf(inputs));
    const preset = presetNamed(o.config.preset);
    const desiredInputs = { ...checked, preset, options, serverMajor: major, cacheDir: join(o.cwd, '.schema', 'cache') };
    // Rows a JSONB shape's evolution has not reached yet are drift too (the catalog cannot show
    // them); rows that break a shape are `check --data`'s to count.
    const evolution = inputs.shapedColumns?.length ? await shapeEvolution(db, await checked.loaded(), live) : undefined;
    const rows = evolution?.forward.map((step) => step.description) ?? [];
    if (liveIsDesired(live, desiredInputs)) return { changes: rows };
    const { catalog: desired } = await desiredCatalog(desiredInputs, shadows.get);
    const plan = buildPlan(live, desired, withLiveRoles(inputs, live, preset.platformRoles), options);
    return { changes: [...plan.forward.map((step) => step.description), ...rows] };
  } finally {
    await shadows.release();
    await db.close();
  }
}
