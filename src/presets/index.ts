/** Platform presets: what a spec may reference without managing it. */
import { SUPABASE_FUNCTIONS, SUPABASE_PLATFORM_ROLES, SUPABASE_ROLES, SUPABASE_TABLES, supabasePresetSql } from './supabase.js';

export type PresetName = 'supabase' | 'none';

export interface Preset {
  readonly name: PresetName;
  readonly roles: readonly string[];
  /** Roles the platform runs as: never managed unless the YAML names them (planner/live-roles.ts). */
  readonly platformRoles: readonly string[];
  readonly tables: Readonly<Record<string, readonly { name: string; type: string }[]>>;
  readonly functions: readonly string[];
  /** SQL that recreates the platform in an empty shadow database (idempotent). */
  readonly shadowSql: () => string;
}

const PRESETS: Readonly<Record<PresetName, Preset>> = {
  supabase: {
    name: 'supabase',
    roles: SUPABASE_ROLES,
    platformRoles: ['postgres', ...SUPABASE_PLATFORM_ROLES],
    tables: SUPABASE_TABLES,
    functions: SUPABASE_FUNCTIONS,
    shadowSql: supabasePresetSql,
  },
  none: { name: 'none', roles: [], platformRoles: [], tables: {}, functions: [], shadowSql: () => '' },
};

export function presetNamed(name: PresetName | undefined): Preset {
  return PRESETS[name ?? 'supabase'];
}

export { SUPABASE_ROLES, SUPABASE_TABLES, SUPABASE_FUNCTIONS } from './supabase.js';
