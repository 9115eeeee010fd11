/** Turns driver and server errors into one clear line, never echoing a password. */
import { OperationError } from '../util/findings.js';

export interface ServerErrorFields {
  readonly code?: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly position?: string;
  readonly where?: string;
}

/** The server's fields of a postgres.js error, when it is one. */
export function serverErrorFields(error: unknown): ServerErrorFields | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & Partial<Record<'code' | 'detail' | 'hint' | 'position' | 'where' | 'severity', string>>;
  if (!e.severity && !(e.code && /^[0-9A-Z]{5}$/.test(e.code))) return undefined;
  return { code: e.code, message: e.message, detail: e.detail, hint: e.hint, position: e.position, where: e.where };
}

/** Query parameters of a database URL that hold a secret. */
const SECRET_PARAMS = ['password', 'sslpassword'];

/** `url` with the password replaced (in the user info and in the query parameters), for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const key of SECRET_PARAMS) if (parsed.searchParams.has(key)) parsed.searchParams.set(key, '***');
    return parsed.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    return '<unparseable database URL>';
  }
}

const CONNECTION_MESSAGES: Record<string, string> = {
  '28P01': 'password authentication failed; check the user and password in the URL',
  '28000': 'the server rejected this role or host (pg_hba.conf); check the user in the URL',
  '3D000': 'the database does not exist; create it or fix the database name in the URL',
  '57014': 'a statement was cancelled by statement_timeout; raise it or retry when the database is less busy',
  '57P01': 'the server shut down during the command; run it again',
  '53300': 'the server has too many connections; retry later or use a pooler URL',
};

/** What a `permission denied` lacks, read from the server's message, and how to get it. */
export function permissionCause(message: string): string {
  const on = (what: string): string | undefined => new RegExp(`permission denied for ${what} (.+)$`).exec(message)?.[1];
  const database = on('database');
  if (database) {
    return `the role lacks CREATE on database ${database}, which creating a schema needs (even with IF NOT EXISTS); grant it (GRANT CREATE ON DATABASE ${database} TO the role), or have an owner create the schema for this role beforehand`;
  }
  if (/permission denied to create database/.test(message)) return 'the role may not create databases (CREATEDB), which a shadow database on this server needs; use the embedded shadow (the default) or a role with CREATEDB';
  const schema = on('schema');
  if (schema) return `the role lacks USAGE (to read) or CREATE (to create objects) on schema ${schema}; grant them, or run as the schema's owner`;
  const relation = on('(?:table|view|materialized view|sequence)');
  if (relation) return `the role lacks a privilege on ${relation}; grant it, or run as its owner`;
  if (/must be owner of/.test(message)) return 'only the owner (or a member of the owning role) may change this object; run as the owner, or ALTER ... OWNER TO this role first';
  return 'permission denied; the role needs CONNECT on the database and read access to the system catalogs and the managed schemas';
}

/** One line for a server error (a known code gets a cause and a fix), or undefined when `error` is not one. */
export function serverErrorText(error: unknown): string | undefined {
  const fields = serverErrorFields(error);
  if (!fields) return undefined;
  if (fields.code === '42501') return `${permissionCause(fields.message)} (${fields.message})`;
  if (fields.code && CONNECTION_MESSAGES[fields.code]) return `${CONNECTION_MESSAGES[fields.code]} (${fields.message})`;
  const extra = [fields.detail && `detail: ${fields.detail}`, fields.hint && `hint: ${fields.hint}`].filter(Boolean).join('; ');
  return `${fields.message}${fields.code ? ` [${fields.code}]` : ''}${extra ? ` (${extra})` : ''}`;
}

/** A clear OperationError for a failure while connecting to or querying `url`. */
export function describeDbError(error: unknown, url: string): OperationError {
  const where = redactUrl(url);
  const text = serverErrorText(error);
  if (text !== undefined) return new OperationError(`${where}: ${text}`);
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED') return new OperationError(`${where}: connection refused; is the server running and the port right?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new OperationError(`${where}: host not found; check the host in the URL`);
  if (code === 'CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return new OperationError(`${where}: timed out connecting; check host, port and network`);
  if (code === 'CONNECTION_CLOSED' || code === 'CONNECTION_ENDED' || code === 'ECONNRESET') {
    return new OperationError(`${where}: the connection was closed by the server; run the command again`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new OperationError(`${where}: ${message.replaceAll(url, where)}`);
}
