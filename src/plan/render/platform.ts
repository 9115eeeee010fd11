/**
 * SQL of the platform parts: publication membership and replica identity, rows of
 * storage.buckets, pg_cron jobs. Each statement can run twice: a guarded ALTER PUBLICATION,
 * an upsert or delete by id, `cron.schedule` (which replaces a job of the same name) and an
 * `unschedule` of the job only while it exists.
 */
import type { Bucket, CronJob, PublicationMembership, ReplicaIdentity } from '../../catalog/types.js';
import type { Change } from '../changes.js';
import type { Step } from '../types.js';
import { guarded, ident, lit, q, step, str } from './sql.js';

type PlatformChange = Extract<Change, { kind: 'AddToPublication' | 'DropFromPublication' | 'SetReplicaIdentity' | 'SetBucket' | 'SetCronJob' }>;

export function renderPlatformChange(change: PlatformChange): Step[] {
  switch (change.kind) {
    case 'AddToPublication':
      return [
        step(
          guarded(`NOT ${memberOf(change.publication, change.table)}`, `ALTER PUBLICATION ${ident(change.publication)} ADD TABLE ${q(change.table)}${membershipSql(change.membership)}`),
          `+ publication ${change.publication} table ${change.table}`,
          change.table,
        ),
      ];
    case 'DropFromPublication':
      return [
        step(
          guarded(memberOf(change.publication, change.table), `ALTER PUBLICATION ${ident(change.publication)} DROP TABLE ${q(change.table)}`),
          `- publication ${change.publication} table ${change.table}`,
          change.table,
        ),
      ];
    case 'SetReplicaIdentity':
      return [
        step(
          `ALTER TABLE ${q(change.table)} REPLICA IDENTITY ${replicaIdentitySql(change.to)}`,
          `~ table ${change.table} replica identity ${replicaIdentityText(change.to)}`,
          change.table,
        ),
      ];
    case 'SetBucket':
      if (change.to === undefined) {
        return [step(`DELETE FROM storage.buckets WHERE id = ${str(change.id)}`, `- bucket ${change.id}`, `storage.buckets.${change.id}`, { hazards: ['deletes-data'] })];
      }
      return [step(upsertBucketSql(change.to), `${change.from ? '~' : '+'} bucket ${change.id}`, `storage.buckets.${change.id}`)];
    case 'SetCronJob': {
      const object = `cron.job.${change.name}`;
      if (change.to === undefined) {
        return [
          step(
            `SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname = ${str(change.name)} AND database = pg_catalog.current_database()`,
            `- cron job ${change.name}`,
            object,
          ),
        ];
      }
      return [step(scheduleSql(change.to, change.from), `${change.from ? '~' : '+'} cron job ${change.name}`, object)];
    }
  }
}

function replicaIdentitySql(r: ReplicaIdentity | undefined): string {
  return r === undefined ? 'DEFAULT' : typeof r === 'string' ? r.toUpperCase() : `USING INDEX ${ident(r.index)}`;
}

function replicaIdentityText(r: ReplicaIdentity | undefined): string {
  return r === undefined ? 'default' : typeof r === 'string' ? r : `using index ${r.index}`;
}

/** True while the table is a member of the publication. */
function memberOf(publication: string, table: string): string {
  return (
    `EXISTS (SELECT 1 FROM pg_catalog.pg_publication_rel pr JOIN pg_catalog.pg_publication p ON p.oid = pr.prpubid ` +
    `WHERE p.pubname = ${str(publication)} AND pr.prrelid = ${lit(table)}::regclass)`
  );
}

function membershipSql(m: PublicationMembership): string {
  return `${m.columns ? ` (${m.columns.map(ident).join(', ')})` : ''}${m.where !== undefined ? ` WHERE (${m.where})` : ''}`;
}

function upsertBucketSql(b: Bucket): string {
  const limit = b.fileSizeLimit === undefined ? 'NULL' : String(Math.trunc(b.fileSizeLimit));
  const types = b.allowedMimeTypes === undefined ? 'NULL' : `ARRAY[${b.allowedMimeTypes.map(str).join(', ')}]::text[]`;
  return (
    `INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types) VALUES (${str(b.id)}, ${str(b.id)}, ${b.public}, ${limit}, ${types})\n` +
    `ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, public = EXCLUDED.public, file_size_limit = EXCLUDED.file_size_limit, allowed_mime_types = EXCLUDED.allowed_mime_types`
  );
}

/** `cron.schedule` creates the job or replaces the schedule and command of the job of that name. */
function scheduleSql(job: CronJob, before: CronJob | undefined): string {
  const schedule = `cron.schedule(${str(job.name)}, ${str(job.schedule)}, ${str(job.command)})`;
  const setActive = !job.active || (before !== undefined && !before.active);
  return setActive ? `SELECT cron.alter_job(${schedule}, active := ${job.active})` : `SELECT ${schedule}`;
}
