/**
 * The runner's history, in its own schema (`schema_migrations`) that Supabase's Data API never
 * exposes: `history` (one row per applied migration) and `lease` (one row: who may apply now).
 */
import { HISTORY_SCHEMA } from '../catalog/scope.js';
import { serverErrorFields, type Queryable } from '../db/index.js';
import { quoteIdent } from '../catalog/names.js';
import { OperationError } from '../util/findings.js';

export const HISTORY_TABLE = `${HISTORY_SCHEMA}.history`;
export const LEASE_TABLE = `${HISTORY_SCHEMA}.lease`;

export interface HistoryRow {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  /** sha256 of the rollback file when the migration was applied; null for rows recorded before it was kept. */
  readonly rollbackChecksum: string | null;
  /** ISO 8601 timestamp. */
  readonly appliedAt: string;
  readonly durationMs: number;
  readonly appliedBy: string;
}

const CREATE_SQL = `
DO $$
BEGIN
  -- CREATE SCHEMA IF NOT EXISTS checks CREATE on the database even when the schema exists: a role
  -- that owns a schema created for it by an administrator needs no CREATE on the database.
  IF pg_catalog.to_regnamespace('${HISTORY_SCHEMA}') IS NULL THEN
    CREATE SCHEMA ${HISTORY_SCHEMA};
  END IF;
END $$;
CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
  version bigint PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  rollback_checksum text,
  applied_at timestamptz NOT NULL DEFAULT now(),
  duration_ms integer NOT NULL DEFAULT 0,
  applied_by text NOT NULL DEFAULT current_user
);
CREATE TABLE IF NOT EXISTS ${LEASE_TABLE} (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  holder text,
  expires_at timestamptz,
  in_progress text,
  in_progress_since timestamptz
);
INSERT INTO ${LEASE_TABLE} (id) VALUES (1) ON CONFLICT (id) DO NOTHING;
REVOKE ALL ON SCHEMA ${HISTORY_SCHEMA} FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA ${HISTORY_SCHEMA} FROM PUBLIC;
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['anon', 'authenticated'] LOOP
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      EXECUTE format('REVOKE ALL ON SCHEMA ${HISTORY_SCHEMA} FROM %I', r);
      EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA ${HISTORY_SCHEMA} FROM %I', r);
    END IF;
  END LOOP;
END $$;
`;

/** Errors two appliers creating the schema at the same moment may see; the second attempt finds it. */
const RACE_CODES = new Set(['23505', '42P06', '42P07', '42710', '40P01']);

/** True when both history tables exist. */
export async function historyExists(q: Queryable): Promise<boolean> {
  const rows = await q.query<{ ok: boolean }>(
    `SELECT pg_catalog.to_regclass($1) IS NOT NULL AND pg_catalog.to_regclass($2) IS NOT NULL
        AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                     WHERE attrelid = pg_catalog.to_regclass($2) AND attname = 'in_progress_since' AND NOT attisdropped)
        AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                     WHERE attrelid = pg_catalog.to_regclass($1) AND attname = 'rollback_checksum' AND NOT attisdropped)
        AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute
                     WHERE attrelid = pg_catalog.to_regclass($1) AND attname = 'version' AND atttypid = 'pg_catalog.int8'::pg_catalog.regtype) AS ok`,
    [HISTORY_TABLE, LEASE_TABLE],
  );
  return rows[0]?.ok === true;
}

/** Creates the history schema and tables when missing; safe when several appliers start at once. */
export async function ensureHistory(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> } & Queryable): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await historyExists(db)) return;
    try {
      await db.transaction(async (tx) => {
        await tx.exec(`SET LOCAL lock_timeout = '10s'`);
        // Tables from an older layout lack in_progress / in_progress_since and rollback_checksum.
        await tx.exec(CREATE_SQL);
        await tx.exec(`ALTER TABLE ${LEASE_TABLE} ADD COLUMN IF NOT EXISTS in_progress text, ADD COLUMN IF NOT EXISTS in_progress_since timestamptz`);
        await tx.exec(`ALTER TABLE ${HISTORY_TABLE} ADD COLUMN IF NOT EXISTS rollback_checksum text`);
        // Timestamp versions (a Supabase CLI project, YYYYMMDDHHMMSS) do not fit an integer.
        await tx.exec(`ALTER TABLE ${HISTORY_TABLE} ALTER COLUMN version TYPE bigint`);
      });
      return;
    } catch (error) {
      const fields = serverErrorFields(error);
      const code = fields?.code;
      if (code === '42501' && /permission denied for database/.test(fields?.message ?? '')) throw await missingCreate(db, fields!.message);
      if (attempt >= 5 || !code || !RACE_CODES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** The role may not create the history schema: say which privilege is missing and the two ways out. */
async function missingCreate(db: Queryable, message: string): Promise<OperationError> {
  const rows = await db.query<{ role: string; database: string }>(`SELECT current_user AS role, current_database() AS database`).catch(() => []);
  const role = rows[0]?.role ?? 'the role';
  const database = rows[0]?.database ?? 'the database';
  return new OperationError(
    `cannot create the history schema ${HISTORY_SCHEMA}: role ${role} lacks CREATE on database ${database} (${message}). ` +
      `Grant it (GRANT CREATE ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}), or have a superuser or the database owner create the schema once for this role ` +
      `(CREATE SCHEMA ${HISTORY_SCHEMA} AUTHORIZATION ${quoteIdent(role)})`,
  );
}

/** Applied migrations, by version; empty when the history does not exist yet. */
export async function readHistory(q: Queryable): Promise<HistoryRow[]> {
  const exists = await q.query<{ ok: boolean }>(`SELECT pg_catalog.to_regclass($1) IS NOT NULL AS ok`, [HISTORY_TABLE]);
  if (exists[0]?.ok !== true) return [];
  // A history table from before rollback checksums has no such column: read through the row's JSON.
  const rows = await q.query<{ version: number; name: string; checksum: string; rollback_checksum: string | null; applied_at: string; duration_ms: number; applied_by: string }>(
    `SELECT version, name, checksum, to_jsonb(h) ->> 'rollback_checksum' AS rollback_checksum,
            to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS applied_at,
            duration_ms, applied_by
       FROM ${HISTORY_TABLE} h ORDER BY version`,
  );
  return rows.map((r) => ({
    version: Number(r.version),
    name: r.name,
    checksum: r.checksum,
    rollbackChecksum: r.rollback_checksum ?? null,
    appliedAt: r.applied_at,
    durationMs: Number(r.duration_ms),
    appliedBy: r.applied_by,
  }));
}

export interface RecordInput {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  /** sha256 of the rollback file as it is when the migration is applied. */
  readonly rollbackChecksum: string | null;
  readonly durationMs: number;
}

export async function recordApplied(q: Queryable, row: RecordInput): Promise<void> {
  await q.query(
    `INSERT INTO ${HISTORY_TABLE} (version, name, checksum, rollback_checksum, duration_ms) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (version) DO UPDATE
       SET name = excluded.name, checksum = excluded.checksum, rollback_checksum = excluded.rollback_checksum,
           duration_ms = excluded.duration_ms, applied_at = now(), applied_by = current_user`,
    [row.version, row.name, row.checksum, row.rollbackChecksum, Math.round(row.durationMs)],
  );
}

export async function removeApplied(q: Queryable, version: number): Promise<void> {
  await q.query(`DELETE FROM ${HISTORY_TABLE} WHERE version = $1`, [version]);
}
