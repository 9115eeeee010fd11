/**
 * The header of a generated migration: comment lines recording the tool version, the state the
 * migration was planned against (and leads to), its scope and its hazards. No other magic.
 */
export interface MigrationHeader {
  readonly tool: string;
  readonly name: string;
  readonly kind: 'migration' | 'rollback';
  readonly preState: string;
  readonly postState: string;
  readonly managedSchemas: readonly string[];
  readonly managedRoles: readonly string[];
  readonly extensions: readonly string[];
  /** Platform items the migration's scope owns; the line is written only when there are some. */
  readonly platform?: readonly string[];
  readonly hazards: readonly string[];
}

export function renderHeader(header: MigrationHeader): string {
  const list = (items: readonly string[]): string => (items.length ? items.join(',') : 'none');
  return [
    `-- schema ${header.tool} ${header.kind} ${header.name}`,
    `-- pre-state: ${header.preState}`,
    `-- post-state: ${header.postState}`,
    `-- managed-schemas: ${list(header.managedSchemas)}`,
    `-- managed-roles: ${list(header.managedRoles)}`,
    `-- extensions: ${list(header.extensions)}`,
    ...(header.platform && header.platform.length > 0 ? [`-- platform: ${list(header.platform)}`] : []),
    `-- hazards: ${list(header.hazards)}`,
  ].join('\n');
}

/** Reads the header from a file's leading comment lines; undefined for a hand-written file. */
export function parseHeader(text: string): MigrationHeader | undefined {
  const fields = new Map<string, string>();
  let first: RegExpExecArray | null = null;
  for (const line of text.split('\n', 40)) {
    if (!line.startsWith('--')) break;
    first ??= /^-- schema (\S+) (migration|rollback) (\S+)\s*$/.exec(line);
    const field = /^-- ([a-z-]+): (.*)$/.exec(line);
    if (field) fields.set(field[1]!, field[2]!.trim());
  }
  if (!first || !fields.has('pre-state')) return undefined;
  const list = (key: string): string[] => {
    const value = fields.get(key);
    return !value || value === 'none' ? [] : value.split(',').map((s) => s.trim()).filter(Boolean);
  };
  return {
    tool: first[1]!,
    kind: first[2] as 'migration' | 'rollback',
    name: first[3]!,
    preState: fields.get('pre-state')!,
    postState: fields.get('post-state') ?? '',
    managedSchemas: list('managed-schemas'),
    managedRoles: list('managed-roles'),
    extensions: list('extensions'),
    ...(fields.has('platform') ? { platform: list('platform') } : {}),
    hazards: list('hazards'),
  };
}
