/**
 * Pure: the names Postgres gives constraints and indexes created without one, so the spec writes a
 * name only where it differs. Names longer than 63 bytes (which Postgres truncates) always count as
 * different: the spec then spells the real name out.
 */

const MAX_IDENTIFIER_BYTES = 63;

function fits(name: string): string | undefined {
  return Buffer.byteLength(name, 'utf8') <= MAX_IDENTIFIER_BYTES ? name : undefined;
}

export const defaultPrimaryKeyName = (table: string): string | undefined => fits(`${table}_pkey`);

export const defaultUniqueName = (table: string, columns: readonly string[]): string | undefined =>
  fits(`${table}_${columns.join('_')}_key`);

export const defaultForeignKeyName = (table: string, columns: readonly string[]): string | undefined =>
  fits(`${table}_${columns.join('_')}_fkey`);

/** `<table>_<columns>_idx` when every key is a plain column. */
export const defaultIndexName = (table: string, columns: readonly string[] | undefined): string | undefined =>
  columns ? fits(`${table}_${columns.join('_')}_idx`) : undefined;
