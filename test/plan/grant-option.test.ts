/** Pure: GRANT/REVOKE with the grant option, their inverses, and the roles a plan manages from the live database. */
import { describe, expect, it } from 'vitest';
import { emptyCatalog, type Catalog, type Grants } from '../../src/catalog/types.js';
import { invertChange, type Change } from '../../src/plan/changes.js';
import { grantChanges, type DiffContext } from '../../src/plan/diff/context.js';
import { renderGrant } from '../../src/plan/render/grants.js';
import { withLiveRoles } from '../../src/planner/live-roles.js';
import type { PlanInputs } from '../../src/plan/types.js';
import { builtinDefaults } from '../../src/catalog/global-defaults.js';

const inputs: PlanInputs = { managedSchemas: ['public'], managedRoles: ['app'], extensions: [], tableRenames: {}, columnRenames: {}, enumRemaps: {}, backfills: {}, externalTables: [] };
const ctx = (roles: string[]): DiffContext => ({ from: emptyCatalog(), to: emptyCatalog(), inputs, managedRoles: new Set(roles), out: [] });
const target = { type: 'table', key: 'public.t' } as const;
const sql = (changes: Change[]): string[] => changes.flatMap((c) => (c.kind === 'Grant' || c.kind === 'Revoke' ? renderGrant(c).map((s) => s.sql) : []));

describe('grant option', () => {
  const cases: [Grants, Grants, string[]][] = [
    [{}, { app: ['select with grant option'] }, ['GRANT SELECT ON TABLE public.t TO app WITH GRANT OPTION']],
    [{ app: ['select with grant option'] }, { app: ['select'] }, ['REVOKE GRANT OPTION FOR SELECT ON TABLE public.t FROM app']],
    [{ app: ['select'] }, { app: ['select with grant option', 'insert'] }, ['GRANT INSERT ON TABLE public.t TO app', 'GRANT SELECT ON TABLE public.t TO app WITH GRANT OPTION']],
    [{ app: ['select with grant option'] }, {}, ['REVOKE SELECT ON TABLE public.t FROM app']],
  ];
  it.each(cases)('%j -> %j', (before, after, expected) => {
    const forward = grantChanges(ctx(['app']), target, before, after);
    expect(sql(forward)).toEqual(expected);
    // The inverse, applied the other way, is the diff from after back to before.
    const back = grantChanges(ctx(['app']), target, after, before);
    expect(sql(forward.map(invertChange)).sort()).toEqual(sql(back).sort());
  });
});

describe('roles managed from the live database', () => {
  const live: Catalog = {
    ...emptyCatalog(),
    functions: {},
    sequences: { 'public.s': { schema: 'public', name: 's', type: 'bigint', start: '1', increment: '1', min: '1', max: '9', cache: '1', cycle: false, grants: { stranger: ['usage'], supabase_admin: ['usage'], pg_monitor: ['select'] } } },
  };
  it('adds a live grantee, but not the platform roles nor pg_*', () => {
    expect(withLiveRoles(inputs, live, ['supabase_admin']).managedRoles).toEqual(['app', 'stranger']);
  });
});

describe('default privileges without IN SCHEMA', () => {
  it("start from PostgreSQL's built-in defaults", () => {
    expect(builtinDefaults('owner', 'functions')).toEqual({ owner: ['execute'], public: ['execute'] });
    expect(builtinDefaults('owner', 'tables')).toEqual({ owner: ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger'] });
  });
  it('render without IN SCHEMA', () => {
    const [change] = grantChanges(ctx([]), { type: 'default privileges', schema: '', forRole: 'owner', objects: 'functions' }, builtinDefaults('owner', 'functions'), { owner: ['execute'] }, {}, true);
    expect(sql([change!])).toEqual(['ALTER DEFAULT PRIVILEGES FOR ROLE owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC']);
  });
});
