/**
 * `schema plan`: load the spec, introspect the live database, normalize the spec on a shadow,
 * diff, refuse unallowed hazards, render forward + rollback, prove them on a shadow, write the pair.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { introspect, type Catalog } from '../catalog/index.js';
import { connect, type Db } from '../db/index.js';
import { nextVersion, pad, renderHeader, rollbackFileName, slugify, stateHash } from '../migrations/index.js';
import { buildPlan, renderScript, type Plan, type PlanInputs, type PlanOptions } from '../plan/index.js';
import { presetNamed } from '../presets/index.js';
import { lazyShadowProvider } from '../shadow/index.js';
import { InputError, OperationError, type Finding } from '../util/findings.js';
import { VERSION } from '../version.js';
import type { Config } from '../config/index.js';
import { desiredCatalog, desiredIsCached, liveIsDesired } from './desired.js';
import { isAllowed, refusedHazards, type HazardPolicy } from './hazards.js';
import { shapeEvolution, withEvolution } from './shape-evolution.js';
import { missingRoles } from './missing-roles.js';
import { withLiveRoles } from './live-roles.js';
import { refusalsFromLiveRows } from './live-rows.js';
import type { Change } from '../plan/changes.js';
import type { PlanReport } from './report.js';
import { securityChanges } from './security-summary.js';
import { scopeOf, TARGET_CONNECTIONS } from './live.js';
import { loadAndCheckSpec, selfCheckGeneratedSql } from './spec-input.js';
import { verifyPlan, VerificationError } from './verify.js';
import { verificationScope } from './subset.js';
import { refusePendingMigrations } from './pending.js';
import { runMigrationScript } from './run-script.js';
import { hasAccessTests, runAccessTestsOnShadow } from './access-tests.js';
import { accessFinding } from '../access/index.js';
import { positionOfObject } from './positions.js';
import { blockingFindings } from './checklist-gate.js';
import { missingPlatform, platformRefusal } from './platform-check.js';

export interface RunPlanOptions {
  readonly cwd: string;
  readonly config: Config;
  readonly schemaDir: string;
  readonly migrationsDir: string;
  readonly dbUrl: string;
  readonly embedded: boolean;
  readonly shadowUrl?: string;
  readonly name?: string;
  readonly hazards: HazardPolicy;
  readonly dryRun: boolean;
  /** `touched` (default) proves the plan on the objects it changes and their neighbours, `full` on the whole schema, `none` skips it. */
  readonly verify: 'touched' | 'full' | 'none';
  /** Live rows of each touched table copied into the verification shadow (`--sample-rows`); default the config's `sample_rows`. */
  readonly sampleRows?: number;
  readonly progress?: (message: string) => void;
}

/**
 * A slug a reviewer can read: the tables created (`create_notifications_profiles`), else the first
 * object changed (`alter_notifications`), with `and_N_more` when there are other objects.
 */
export function deriveName(plan: Plan): string {
  const objectName = (description: string): string | undefined => /^[+~-]\s*\S+(?:\s+\S+)?\s+(?:\S+\.)?([^\s.(]+)/.exec(description)?.[1];
  const created = plan.forward.filter((s) => /^\+\s*table\s/.test(s.description)).map((s) => objectName(s.description));
  const names = [...new Set(created.filter((n): n is string => Boolean(n)))];
  if (names.length > 0) {
    const shown = names.slice(0, 3);
    return slugify(`create ${shown.join(' ')}${names.length > shown.length ? ` and ${names.length - shown.length} more` : ''}`);
  }
  const first = plan.forward[0]?.description ?? 'migration';
  const signs = new Set(plan.forward.map((s) => s.description.trim()[0]));
  const verb = signs.size === 1 && signs.has('+') ? 'add' : signs.size === 1 && signs.has('-') ? 'drop' : 'alter';
  const objects = [...new Set(plan.forward.map((s) => s.object))];
  if (objects.length === 1) return slugify(`${verb} ${objects[0]!.split('.').slice(1).join(' ').replace(/\(.*$/, '')}`);
  // The table a step works on: `... on schema.table` in its description, else the object's table part.
  const tableOf = (s: { description: string; object: string }): string | undefined =>
    /\son\s+(?:\S+?\.)?([^\s.]+)(?:\s|$)/.exec(s.description)?.[1] ?? s.object.split('.')[1]?.replace(/\(.*$/, '');
  const tables = [...new Set(plan.forward.map(tableOf).filter((n): n is string => Boolean(n)))];
  const subject = tables.length > 0 ? tables.slice(0, 2).join(' ') : (objectName(first) ?? 'schema');
  return slugify(`${verb} ${subject}${tables.length > 2 ? ` and ${tables.length - 2} more` : ''}`);
}

export async function runPlan(o: RunPlanOptions): Promise<PlanReport> {
  const timings: Record<string, number> = {};
  const time = async <T>(phase: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const slow = setTimeout(() => o.progress?.(`${phase}...`), 1000);
    try {
      return await work();
    } finally {
      clearTimeout(slow);
      timings[phase] = Math.round((performance.now() - start) * 10) / 10 + (timings[phase] ?? 0);
    }
  };

  const checked = await time('load', () => loadAndCheckSpec(o.schemaDir, o.config, join(o.cwd, '.schema', 'cache')));
  const { findings } = checked;
  const specInputs = checked.inputs;
  const preset = presetNamed(o.config.preset);
  const options: PlanOptions = {
    lockTimeout: o.config.lock_timeout,
    statementTimeout: o.config.statement_timeout,
    targetVersion: o.config.target_version,
  };
  const db = connect(o.dbUrl, { max: TARGET_CONNECTIONS });
  let major = 0;
  const shadows = lazyShadowProvider(() => ({
    shadowUrl: o.shadowUrl ?? o.config.shadow_url,
    target: db,
    targetIsEmbedded: o.embedded,
    root: o.cwd,
    targetMajor: major,
    ...(o.progress ? { progress: o.progress } : {}),
  }));
  try {
    major = Math.floor((await db.serverVersion()) / 10000);
    await refusePendingMigrations(db, o.migrationsDir);
    const desiredInputs = { ...checked, preset, options, serverMajor: major, cacheDir: join(o.cwd, '.schema', 'cache') };
    // A spec not normalized before needs a shadow database, and the plan from it one more to be
    // proven on: CREATE DATABASE takes a few hundred milliseconds, so both are made while the live
    // database is read. Those not taken are dropped at the end.
    if (!desiredIsCached(desiredInputs)) void shadows.get().then((p) => p.warm(o.verify === 'none' ? 1 : 2), () => undefined);
    const scope = scopeOf(specInputs);
    const live = await time('introspect', () => introspect(db, scope));
    const namedRoles = [...specInputs.managedRoles, ...(specInputs.defaultPrivilegeRoles ?? []), ...(specInputs.ownerRoles ?? [])];
    // The YAML is authoritative for its objects' privileges: live grantees are managed too.
    const inputs = withLiveRoles(specInputs, live, preset.platformRoles);
    const unknownRoles = namedRoles.length > 0 ? await missingRoles(db, namedRoles, () => checked.loaded()) : [];
    if (unknownRoles.length > 0) throw new InputError('the YAML names roles the server does not have; nothing was written', unknownRoles);
    // JSONB shapes evolve the rows, not the catalog: what the live rows need comes first.
    const evolution = inputs.shapedColumns?.length ? await time('shapes', async () => shapeEvolution(db, await checked.loaded(), live)) : undefined;
    const evolves = evolution !== undefined && (evolution.forward.length > 0 || evolution.narrowed.length > 0);
    if (evolution && evolution.narrowed.length > 0 && !isAllowed('breaks-clients', o.hazards)) {
      throw new OperationError('rows of the live database would be misread by the new shapes (breaks-clients); nothing was written', 1, evolution.narrowed);
    }
    // The live database already is the cached desired state: nothing to plan, nothing more to read.
    if (!evolves && (await time('compare', () => liveIsDesired(live, desiredInputs)))) {
      return { status: 'no-changes', changes: [], hazards: [], findings, security: [], timings, verified: false };
    }
    const desired = await time('shadow', async () => (await desiredCatalog(desiredInputs, shadows.get)).catalog);
    const plan = withEvolution(await time('diff', () => buildPlan(live, desired, inputs, options)), evolution);
    const base = { findings, security: securityChanges(live, desired, inputs.managedRoles), timings, verified: false };
    if (plan.forward.length === 0) return { status: 'no-changes', changes: [], hazards: [], ...base };

    const changes = plan.forward.map((s) => ({ description: s.description, hazards: s.hazards, ...(s.breaks === undefined ? {} : { breaks: s.breaks }) }));
    // A plan with something to write reads the YAML in full from here on (positions, spec).
    const loaded = await checked.loaded();
    const lacking = await missingPlatform(db, loaded.spec);
    if (lacking.length > 0) throw platformRefusal(lacking, o.config.preset ?? 'supabase');
    const breaksChecklist = blockingFindings(findings, loaded.spec, plan.forward);
    if (breaksChecklist.length > 0) {
      throw new InputError(
        'the migration would break the checklist on what it creates or changes (above); fix the YAML, or waive a rule with a reason (waive: { rule: "why" }); nothing was written',
        breaksChecklist,
      );
    }
    const fromRows = await time('rows', () => refusalsFromLiveRows(db, plan.changes as readonly Change[], inputs, async () => loaded));
    if (fromRows.length > 0) {
      throw new InputError(`the live database holds rows the migration would fail on; nothing was written`, fromRows);
    }
    const refused = refusedHazards(plan.forward, o.hazards, loaded);
    if (refused.length > 0) {
      throw new OperationError(`the plan has hazards that were not allowed; nothing was written`, 1, refused);
    }
    if (hasAccessTests(loaded.spec)) {
      // The proposed state must keep the access the spec declares (policies, grants, RLS).
      const failures = await time('access tests', async () => {
        const results = await runAccessTestsOnShadow({ spec: loaded.spec, desired, inputs, options, preset }, await shadows.get());
        return results.filter((r) => !r.passed).map((r) => accessFinding(loaded, r));
      });
      if (failures.length > 0) {
        throw new OperationError(`the proposed state fails ${failures.length} declared access test${failures.length === 1 ? '' : 's'}; nothing was written`, 1, failures);
      }
    }
    const version = nextVersion(o.migrationsDir);
    const name = `${pad(version)}_${o.name ? slugify(o.name) : deriveName(plan)}`;
    const scopeHeader = { managedSchemas: inputs.managedSchemas, managedRoles: inputs.managedRoles, extensions: inputs.extensions, platform: inputs.platform ?? [] };
    const pre = stateHash(live, scopeHeader);
    const post = stateHash(desired, scopeHeader);
    const hazards = [...plan.hazards].sort();
    // The SQL parser and the rules load only for a plan that has something to write.
    const { specRlsWaivers, waiveRlsOnCreatedTables, waiveTimestampColumns } = await import('./waivers.js');
    const rlsWaivers = specRlsWaivers(loaded.spec);
    const [forwardSql, rollbackSql] = await time('render', () => [
      `${renderHeader({ tool: VERSION, kind: 'migration', name, preState: pre, postState: post, ...scopeHeader, hazards })}\n\n${renderScript(waiveTimestampColumns(waiveRlsOnCreatedTables(plan.forward, desired, o.config.exposed_schemas, (t) => rlsWaivers.get(t) ?? 'declared without row level security in the spec'), 'declared so in the spec'), options)}`,
      `${renderHeader({ tool: VERSION, kind: 'rollback', name: `rollback_${pad(version)}`, preState: post, postState: pre, ...scopeHeader, hazards: rollbackHazards(plan) })}\n\n${renderScript(waiveTimestampColumns(waiveRlsOnCreatedTables(plan.rollback, live, o.config.exposed_schemas, () => 'recreated as it was before this migration'), 'restored as it was before this migration'), options)}`,
    ]);
    const forwardFile = `${name}.sql`;
    const rollbackFile = rollbackFileName(version);
    const selfFindings = await selfCheckGeneratedSql(
      [
        { path: forwardFile, sql: forwardSql },
        { path: rollbackFile, sql: rollbackSql },
      ],
      o.config,
    );
    if (selfFindings.length > 0) {
      throw new OperationError(
        `the generated migration breaks the checklist, which is a planner bug (please report it); nothing was written:\n  ${selfFindings.join('\n  ')}`,
      );
    }
    if (o.verify !== 'none') {
      await time('verify', async () => {
        const provider = await shadows.get();
        const prove = (scopeLive: Catalog, scopeDesired: Catalog, label: string): Promise<void> =>
          verifyPlan(
            {
              live: scopeLive,
              desired: scopeDesired,
              plan,
              inputs,
              options,
              preset,
              forwardSql,
              rollbackSql,
              runScript: runMigrationScript(options),
              sample: { db, rows: o.sampleRows ?? o.config.sample_rows },
              ...(evolution?.columns.length ? { dataChanges: evolution.columns } : {}),
              positionOf: (object) => positionOfObject(loaded, object),
              onPhase: (p) => o.progress?.(`verify${label}: ${p}`),
            },
            provider,
          );
        // Rows that evolve live in tables the catalog diff does not touch: those plans prove on the whole schema.
        const touched = o.verify === 'touched' && !evolution?.columns.length ? verificationScope(live, desired) : undefined;
        if (touched) {
          try {
            await prove(touched.live, touched.desired, ` (${touched.roots.length} touched objects)`);
            return;
          } catch (error) {
            if (!(error instanceof VerificationError)) throw error;
            // The subset may lack something the plan needs; the whole schema decides.
            o.progress?.('verify: the touched objects alone did not verify; verifying the whole schema');
          }
        }
        await prove(live, desired, '');
      });
    }
    const report: PlanReport = {
      status: o.dryRun ? 'dry-run' : 'written',
      name,
      version,
      changes,
      hazards,
      forwardSql,
      rollbackSql,
      preState: pre,
      postState: post,
      ...base,
      verified: o.verify !== 'none',
    };
    if (o.dryRun) return report;
    mkdirSync(o.migrationsDir, { recursive: true });
    writeFileSync(join(o.migrationsDir, forwardFile), forwardSql.endsWith('\n') ? forwardSql : `${forwardSql}\n`);
    writeFileSync(join(o.migrationsDir, rollbackFile), rollbackSql.endsWith('\n') ? rollbackSql : `${rollbackSql}\n`);
    const shown = (file: string): string => relative(o.cwd, join(o.migrationsDir, file)) || file;
    return { ...report, files: { forward: shown(forwardFile), rollback: shown(rollbackFile) } };
  } finally {
    await shadows.release();
    await db.close();
  }
}

function rollbackHazards(plan: Plan): string[] {
  return [...new Set(plan.rollback.flatMap((s) => s.hazards))].sort();
}

export type { PlanInputs, Catalog, Db, Finding };
