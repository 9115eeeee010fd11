/** Spec fixtures: a LoadedSpec with a position for every path the rules point at. */
import type { LoadedSpec, Spec, TableSpec } from '../../src/spec/types.js';

/** Positions: every key path gets a distinct line so tests can assert where a finding points. */
export function loaded(spec: Spec, file = 'schema/app.yaml'): LoadedSpec {
  const positions = new Map<string, { file: string; line: number; col: number }>();
  let line = 1;
  const visit = (value: unknown, path: string): void => {
    if (path) positions.set(path, { file, line: line++, col: 3 });
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}/${key}` : key);
    }
  };
  visit(spec, '');
  return { spec, positions, files: [file] };
}

export const lineOf = (l: LoadedSpec, path: string): number => l.positions.get(path)!.line;

/** A table that passes every spec rule. */
export const goodNotifications = {
  columns: {
    id: { type: 'uuid', primary_key: true, default: 'gen_random_uuid()' },
    recipient_user_id: { type: 'uuid', not_null: true, references: { table: 'auth.users', on_delete: 'cascade' as const } },
    payload: { type: 'jsonb', not_null: true, default: {} },
    created_at: { type: 'timestamptz', not_null: true, default: 'now()' },
    updated_at: { type: 'timestamp with time zone', not_null: true, default: 'now()' },
  },
  rls: true,
  grants: { authenticated: ['select' as const, 'update' as const], service_role: ['all' as const] },
  policies: {
    notifications_select_own: { for: 'select' as const, to: 'authenticated', using: 'auth.uid() = recipient_user_id' },
    notifications_update_own: { for: 'update' as const, to: 'authenticated', using: 'auth.uid() = recipient_user_id' },
  },
  triggers: {
    update_notifications_updated_at: { before: 'update' as const, for_each: 'row' as const, function: 'update_updated_at_column' },
  },
};

export const withTable = (table: Partial<TableSpec> & Record<string, unknown>, name = 'notifications'): Spec =>
  ({ tables: { [name]: { ...goodNotifications, ...table } as TableSpec } });
/** Each spec rule: the spec, the rule id, the path the finding points at, and its severity. */
export const BAD_SPEC: Record<string, { name: string; spec: Spec; path: string; severity: 'error' | 'warning'; existing?: Map<string, Set<string>> }[]> = {
  timestamptz: [
    { name: 'timestamp column', spec: withTable({ columns: { ...goodNotifications.columns, seen_at: { type: 'timestamp' } } }), path: 'tables/notifications/columns/seen_at/type', severity: 'error' },
    { name: 'timestamp(3) without time zone', spec: withTable({ columns: { ...goodNotifications.columns, seen_at: { type: 'TIMESTAMP(3) WITHOUT TIME ZONE' } } }), path: 'tables/notifications/columns/seen_at/type', severity: 'error' },
  ],
  'fk-on-delete': [
    { name: 'references without on_delete', spec: withTable({ columns: { ...goodNotifications.columns, owner: { type: 'uuid', references: { table: 'profiles' } } } }), path: 'tables/notifications/columns/owner/references', severity: 'error' },
    { name: 'users reference with restrict', spec: withTable({ columns: { ...goodNotifications.columns, owner: { type: 'uuid', references: { table: 'auth.users', on_delete: 'restrict' } } } }), path: 'tables/notifications/columns/owner/references/on_delete', severity: 'warning' },
    { name: 'foreign_keys entry without on_delete', spec: withTable({ foreign_keys: { n_fk: { columns: ['a'], references: { table: 'other' } } } }), path: 'tables/notifications/foreign_keys/n_fk', severity: 'error' },
  ],
  'rls-required': [
    { name: 'no rls', spec: withTable({ rls: false }), path: 'tables/notifications/rls', severity: 'error' },
    { name: 'rls without policies', spec: withTable({ policies: {} , grants: {} }), path: 'tables/notifications/rls', severity: 'error' },
  ],
  'jsonb-default': [
    { name: 'jsonb without default', spec: withTable({ columns: { ...goodNotifications.columns, meta: { type: 'jsonb' } } }), path: 'tables/notifications/columns/meta', severity: 'warning' },
  ],
  'uuid-keys': [
    { name: 'bigserial PK with users FK', spec: withTable({ columns: { ...goodNotifications.columns, id: { type: 'bigserial', primary_key: true } } }), path: 'tables/notifications/columns/id/type', severity: 'warning' },
  ],
  'updated-at-trigger': [
    { name: 'updated_at without trigger', spec: withTable({ triggers: {} }), path: 'tables/notifications/columns/updated_at', severity: 'warning' },
  ],
  'not-null-default': [
    { name: 'new NOT NULL column on an existing table', spec: withTable({ columns: { ...goodNotifications.columns, kind: { type: 'text', not_null: true } } }), path: 'tables/notifications/columns/kind/not_null', severity: 'error',
      existing: new Map([['public.notifications', new Set(['id', 'recipient_user_id', 'payload', 'created_at', 'updated_at'])]]) },
  ],
  'api-exposure': [
    { name: 'granted to anon without rls', spec: withTable({ rls: false, grants: { anon: ['select'] }, waive: { 'rls-required': 'checked here' } }), path: 'tables/notifications/grants/anon', severity: 'error' },
    { name: 'granted insert without an insert policy', spec: withTable({ grants: { authenticated: ['select', 'insert'] } }), path: 'tables/notifications/grants/authenticated', severity: 'error' },
    { name: 'truncate granted to authenticated', spec: withTable({ grants: { authenticated: ['truncate'] } }), path: 'tables/notifications/grants/authenticated', severity: 'error' },
    { name: 'no grants declared', spec: withTable({ grants: undefined }), path: 'tables/notifications', severity: 'warning' },
  ],
};

