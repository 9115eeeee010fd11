import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toCatalog } from '../../src/spec/index.js';
import type { Spec } from '../../src/spec/types.js';
import { verificationScope } from '../../src/planner/subset.js';

const catalogOf = (yaml: string) => toCatalog(parse(yaml) as Spec, { preset: 'supabase' }).catalog;

function schema(extra = ''): string {
  const filler = Array.from({ length: 6 }, (_, i) => `  filler_${i}:\n    columns:\n      id: { type: uuid, primary_key: true }\n`).join('');
  return `tables:
  orgs:
    columns:
      id: { type: uuid, primary_key: true }
      parent_id: { type: uuid, references: { table: regions, on_delete: cascade } }
  regions:
    columns:
      id: { type: uuid, primary_key: true }
  projects:
    columns:
      id: { type: uuid, primary_key: true }
      org_id: { type: uuid, not_null: true, references: { table: orgs, on_delete: cascade } }
      name: { type: text }${extra}
  tasks:
    columns:
      id: { type: uuid, primary_key: true }
      project_id: { type: uuid, references: { table: projects, on_delete: cascade } }
    indexes:
      - { columns: [project_id] }
    rls: true
    policies:
      tasks_all: { for: all, to: authenticated, using: "true" }
${filler}`;
}

describe('verification on the touched objects', () => {
  it('keeps the changed table whole and its neighbours as skeletons', () => {
    const live = catalogOf(schema());
    const desired = catalogOf(schema('\n      archived: { type: boolean }'));
    const scope = verificationScope(live, desired)!;
    expect(scope.roots).toEqual(['public.projects']);
    expect(Object.keys(scope.desired.tables).sort()).toEqual(['public.orgs', 'public.projects', 'public.tasks']);
    expect(scope.desired.tables['public.projects']).toEqual(desired.tables['public.projects']);
    const tasks = scope.desired.tables['public.tasks']!;
    expect(tasks.indexes).toEqual({});
    expect(tasks.policies).toEqual({});
    expect(Object.keys(tasks.constraints).sort()).toEqual(['tasks_pkey', 'tasks_project_id_fkey']);
    // orgs references regions, which is outside the subset: that key is left out.
    expect(Object.keys(scope.desired.tables['public.orgs']!.constraints)).toEqual(['orgs_pkey']);
    expect(scope.live.tables['public.tasks']).toEqual(tasks);
  });

  it('verifies everything when the change is not in tables or views', () => {
    const live = catalogOf(schema());
    const desired = catalogOf(`schemas: { public: {}, app: {} }\n${schema()}`);
    expect(verificationScope(live, desired)).toBeUndefined();
  });

  it('verifies everything when the subset would be the whole schema', () => {
    const small = (extra: string) => catalogOf(`tables:\n  a:\n    columns:\n      id: { type: uuid, primary_key: true }${extra}\n`);
    expect(verificationScope(small(''), small('\n      b: { type: text }'))).toBeUndefined();
  });
});
