/**
 * Proves a plan before it is written: on a shadow holding the live schema and a sample of the live
 * rows of the tables it touches, forward must reach the desired catalog, keep the rows and the
 * values of the columns it does not change, and rewrite no table it does not declare; running
 * forward again must change nothing (idempotency), a re-plan must be empty, and the rollback must
 * restore the live catalog and the rows.
 */
import { scopeOf } from './live.js';
import { catalogDifferences, catalogsEqual, emptyCatalog, introspect, projectCatalog, type Catalog } from '../catalog/index.js';
import type { Db } from '../db/index.js';
import { buildPlan, diff, type Plan, type PlanInputs, type PlanOptions, type Step } from '../plan/index.js';
import type { Preset } from '../presets/index.js';
import { runSteps, StepFailedError, type ShadowProvider } from '../shadow/index.js';
import { MigrationStatementError } from '../apply/errors.js';
import type { SourcePosition } from '../spec/types.js';
import { OperationError, type Finding } from '../util/findings.js';
import { dataDifferences, rewrittenTables, snapshot, watchData } from './data-proof.js';
import { objectAtLine } from './failure-position.js';
import { prepareShadow } from './prepare-shadow.js';
import { copySample, touchedTables } from './sample.js';
import { invalidateConstraint } from '../plan/render/tables.js';

export interface VerifyInputs {
  readonly live: Catalog;
  readonly desired: Catalog;
  readonly plan: Plan;
  readonly inputs: PlanInputs;
  readonly options: PlanOptions;
  readonly preset: Preset;
  /** Runs a rendered migration file the way `apply` will. */
  readonly runScript: (db: Db, sql: string) => Promise<void>;
  readonly forwardSql: string;
  readonly rollbackSql: string;
  readonly onPhase?: (phase: string) => void;
  /** Live rows to prove on: up to `rows` of each touched table, read from `db` (0: none). */
  readonly sample?: { readonly db: Db; readonly rows: number };
  /** Columns whose values the plan changes on purpose (JSONB shapes evolving): sampled, not compared. */
  readonly dataChanges?: readonly { readonly table: string; readonly column: string }[];
  /** The YAML position of a catalog object, for a statement that fails on the sampled rows. */
  readonly positionOf?: (object: string) => SourcePosition;
}

export class VerificationError extends OperationError {
  constructor(phase: string, details: readonly string[], findings: readonly Finding[] = []) {
    super(`plan verification failed at "${phase}"; no files were written.\n  ${details.join('\n  ')}`, 1, findings);
    this.name = 'VerificationError';
  }
}

export async function verifyPlan(v: VerifyInputs, provider: ShadowProvider): Promise<void> {
  const shadow = await provider.create();
  const scope = scopeOf(v.inputs);
  const project = (catalog: Catalog): Catalog => projectCatalog(catalog, v.inputs.managedRoles, v.inputs.schemaGrants, v.inputs.defaultPrivileges);
  const read = async (): Promise<Catalog> => project(await introspect(shadow.db, scope));
  const live = project(v.live);
  const desired = project(v.desired);
  const expect = (phase: string, actual: Catalog, wanted: Catalog): void => {
    if (!catalogsEqual(actual, wanted)) throw new VerificationError(phase, catalogDifferences(actual, wanted));
  };
  let sampled: Record<string, number> = {};
  const run = async (phase: string, sql: string, steps: readonly { description: string; object: string }[]): Promise<void> => {
    v.onPhase?.(phase);
    try {
      await v.runScript(shadow.db, sql);
    } catch (error) {
      const message = (error as Error).message;
      const rows = Object.values(sampled).reduce((a, b) => a + b, 0);
      const onRows = rows > 0 ? ` (on ${rows} rows sampled from the live database: the migration would fail there too)` : '';
      const object = error instanceof MigrationStatementError ? objectAtLine(sql, error.failure.line, steps) : undefined;
      const findings: Finding[] =
        object !== undefined && v.positionOf
          ? [{ ...v.positionOf(object), severity: 'error', code: 'verify', message: `${phase} fails${onRows}: ${error instanceof MigrationStatementError ? (error.failure.server?.message ?? message) : message}`, fix: rows > 0 ? 'fix the rows this change cannot take (or give it a backfill, remap or USING that handles them), or change the YAML' : 'change the YAML so that the migration can run' }]
          : [];
      throw new VerificationError(phase + onRows, [message], findings);
    }
  };
  try {
    await prepareShadow(shadow.db, v.preset, v.inputs, provider.privateServer);
    v.onPhase?.('rebuild live schema');
    try {
      await runSteps(shadow.db, buildPlan(emptyCatalog(), v.live, v.inputs, v.options).forward);
      // Constraints the live database holds NOT VALID are NOT VALID on the shadow too, before rows
      // are copied: a VALIDATE the plan writes then runs on them (a new table's are created valid).
      await runSteps(shadow.db, notValidAsLive(v.live));
    } catch (error) {
      const message = error instanceof StepFailedError ? error.message : (error as Error).message;
      throw new VerificationError('rebuild live schema on the shadow', [message]);
    }
    expect('rebuild live schema on the shadow', await read(), live);
    const touched = [...new Set([...touchedTables(v.live, v.desired), ...(v.dataChanges ?? []).map((d) => d.table)])];
    if (v.sample && v.sample.rows > 0 && touched.length > 0) {
      v.onPhase?.('copy sampled live rows');
      try {
        sampled = (await copySample(v.sample.db, shadow.db, v.live, v.desired, touched, v.sample.rows)).rows;
        const total = Object.values(sampled).reduce((a, b) => a + b, 0);
        v.onPhase?.(`${total} live rows copied (${Object.entries(sampled).map(([t, n]) => `${t} ${n}`).join(', ') || 'the touched tables hold none'})`);
      } catch (error) {
        throw new VerificationError('copy sampled live rows into the shadow', [
          (error as Error).message,
          'plan with --sample-rows 0 to prove the plan on the schema alone',
        ]);
      }
    }
    const watch = await watchData(shadow.db, v.live, v.desired, touched, v.inputs.managedSchemas, v.dataChanges ?? []);
    const before = await snapshot(shadow.db, watch);
    await run('forward', v.forwardSql, v.plan.forward);
    const rewritten = await rewrittenTables(shadow.db, watch);
    if (rewritten.length > 0 && !v.plan.hazards.includes('rewrites-table')) {
      throw new VerificationError('forward rewrites no table it does not declare', [
        `PostgreSQL rewrote ${rewritten.join(', ')} (pg_class.relfilenode changed) but the plan declares no rewrites-table hazard; this is a planner bug (please report it)`,
      ]);
    }
    const changedRows = dataDifferences(watch, before, await snapshot(shadow.db, watch));
    if (changedRows.length > 0) throw new VerificationError('forward keeps the rows and the values it does not change', changedRows);
    const after = await read();
    expect('forward reaches the desired schema', after, desired);
    const replan = diff(after, desired, v.inputs);
    if (replan.length > 0) {
      throw new VerificationError('re-plan after forward is empty', replan.slice(0, 10).map((c) => JSON.stringify(c).slice(0, 200)));
    }
    await run('forward again (idempotency)', v.forwardSql, v.plan.forward);
    expect('forward again leaves the desired schema', await read(), desired);
    await run('rollback', v.rollbackSql, v.plan.rollback);
    expect('rollback restores the live schema', await read(), live);
    const restored = dataDifferences(watch, before, await snapshot(shadow.db, watch));
    if (restored.length > 0) throw new VerificationError('rollback keeps the rows and the values forward does not change', restored);
  } finally {
    provider.retire(shadow);
  }
}

/** The steps that leave each constraint the live catalog has NOT VALID so on a freshly built shadow. */
function notValidAsLive(live: Catalog): Step[] {
  return Object.entries(live.tables).flatMap(([key, table]) =>
    Object.values(table.constraints)
      .filter((c) => !c.validated && (c.kind === 'foreign_key' || c.kind === 'check'))
      .map((c) => invalidateConstraint(key, c)),
  );
}
