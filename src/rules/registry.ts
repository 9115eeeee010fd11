/** The checklist, in CHECKLIST.md order: every rule, registered once. */
import { apiExposure } from './api-exposure.js';
import { backwardsCompatible } from './backwards-compatible.js';
import { concurrentIndex } from './concurrent-index.js';
import { destructive } from './destructive.js';
import { enumIdempotent } from './enum-idempotent.js';
import { fkNotValid } from './fk-not-valid.js';
import { fkOnDelete } from './fk-on-delete.js';
import { idempotentDdl } from './idempotent-ddl.js';
import { jsonbDefault } from './jsonb-default.js';
import { lockTimeout } from './lock-timeout.js';
import { noTableRewrite } from './no-table-rewrite.js';
import { notNullDefault } from './not-null-default.js';
import { onlineBackfill } from './online-backfill.js';
import { pgbouncerSafe } from './pgbouncer-safe.js';
import { rlsRequired } from './rls-required.js';
import { rollbackPresent } from './rollback-present.js';
import { sequentialNumbering } from './sequential-numbering.js';
import { timestamptz } from './timestamptz.js';
import type { Rule } from './types.js';
import { updatedAtTrigger } from './updated-at-trigger.js';
import { uuidKeys } from './uuid-keys.js';
import { verifiedLocally } from './verified-locally.js';

export const registry: readonly Rule[] = Object.freeze([
  sequentialNumbering,
  rollbackPresent,
  timestamptz,
  enumIdempotent,
  uuidKeys,
  rlsRequired,
  fkOnDelete,
  jsonbDefault,
  notNullDefault,
  idempotentDdl,
  pgbouncerSafe,
  apiExposure,
  updatedAtTrigger,
  verifiedLocally,
  concurrentIndex,
  fkNotValid,
  lockTimeout,
  noTableRewrite,
  destructive,
  backwardsCompatible,
  onlineBackfill,
]);

export const ruleIds: ReadonlySet<string> = new Set(registry.map((rule) => rule.id));

/** Rules whose findings are plan hazards gated by flags, not self-check failures of generated SQL. */
export const HAZARD_RULES: ReadonlySet<string> = new Set(['destructive', 'no-table-rewrite', 'backwards-compatible']);
