import { describe, expect, it } from 'vitest';
import { checkSpecRules } from '../../src/rules/index.js';
import type { Spec } from '../../src/spec/types.js';
import { BAD_SPEC, goodNotifications, lineOf, loaded, withTable } from './spec-cases.js';

const opts = { exposedSchemas: ['public'] };
const check = (spec: Spec, extra: Partial<Parameters<typeof checkSpecRules>[0]> = {}) => {
  const l = loaded(spec);
  return { l, findings: checkSpecRules({ loaded: l, ...opts, ...extra }) };
};

describe('spec rules fire with the right id, position and severity', () => {
  for (const [rule, cases] of Object.entries(BAD_SPEC)) {
    for (const c of cases) {
      it(`${rule}: ${c.name}`, () => {
        const { l, findings } = check(c.spec, c.existing ? { existingColumns: c.existing } : {});
        const hit = findings.find((f) => f.code === rule && f.line === lineOf(l, c.path));
        expect(hit, JSON.stringify(findings, null, 1)).toBeDefined();
        expect(hit!.severity).toBe(c.severity);
        expect(hit!.file).toBe('schema/app.yaml');
        expect(hit!.fix).toBeTruthy();
      });
    }
  }
});

describe('spec rules stay silent on a table done right', () => {
  it('the DESIGN.md notifications table passes every rule', () => {
    const existing = new Map([['public.notifications', new Set(Object.keys(goodNotifications.columns))]]);
    expect(check(withTable({}), { existingColumns: existing }).findings).toEqual([]);
  });

  it('tables outside exposed schemas need no RLS or grants', () => {
    const { findings } = check(withTable({ rls: false, policies: {}, grants: undefined }, 'internal.jobs'));
    expect(findings.filter((f) => f.code === 'rls-required' || f.code === 'api-exposure')).toEqual([]);
  });

  it('a 1-to-1 profile table may use the user id as its primary key', () => {
    const spec = withTable({ columns: { id: { type: 'uuid', primary_key: true, references: { table: 'auth.users', on_delete: 'cascade' } } } }, 'profiles');
    expect(check(spec).findings.filter((f) => f.code === 'uuid-keys')).toEqual([]);
  });

  it('not-null-default is silent without knowledge of existing tables, and for new tables', () => {
    const spec = withTable({ columns: { ...goodNotifications.columns, kind: { type: 'text', not_null: true } } });
    expect(check(spec).findings.filter((f) => f.code === 'not-null-default')).toEqual([]);
    expect(check(spec, { existingColumns: new Map() }).findings.filter((f) => f.code === 'not-null-default')).toEqual([]);
    const backfilled = withTable({ columns: { ...goodNotifications.columns, kind: { type: 'text', not_null: true, backfill: "'system'" } } });
    const existing = new Map([['public.notifications', new Set(Object.keys(goodNotifications.columns))]]);
    expect(check(backfilled, { existingColumns: existing }).findings.filter((f) => f.code === 'not-null-default')).toEqual([]);
  });
});

describe('YAML waivers', () => {
  it('suppress a rule for the column or table that carries them', () => {
    const spec = withTable({
      columns: { ...goodNotifications.columns, seen_at: { type: 'timestamp', waive: { timestamptz: 'written by the legacy ERP in local time' } }, other_at: { type: 'timestamp' } },
    });
    const { l, findings } = check(spec);
    expect(findings.filter((f) => f.code === 'timestamptz').map((f) => f.line)).toEqual([lineOf(l, 'tables/notifications/columns/other_at/type')]);
    const tableWaiver = check(withTable({ rls: false, waive: { 'rls-required': 'service-only table', 'api-exposure': 'no API roles' } })).findings;
    expect(tableWaiver.filter((f) => f.code === 'rls-required')).toEqual([]);
  });

  it('without a reason, or naming an unknown rule, are errors', () => {
    const spec = withTable({ waive: { 'rls-required': ' ' }, columns: { ...goodNotifications.columns, x: { type: 'text', waive: { 'no-such-rule': 'because' } } } });
    const { l, findings } = check(spec);
    const waivers = findings.filter((f) => f.code === 'waiver');
    expect(waivers.map((f) => f.line).sort()).toEqual([lineOf(l, 'tables/notifications/waive/rls-required'), lineOf(l, 'tables/notifications/columns/x/waive/no-such-rule')].sort());
    expect(waivers.every((f) => f.severity === 'error')).toBe(true);
  });
});
