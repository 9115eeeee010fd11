/**
 * What the spec owns on the platform's tables: policies on `storage.objects` (and the other
 * platform tables), rows of `storage.buckets`, pg_cron jobs. The tables themselves are the
 * platform's and never appear in a plan; the catalogs hold only the parts the scope names.
 */
import type { Catalog, Policy } from '../../catalog/types.js';
import type { Change } from '../changes.js';
import { commentChange, omit, same } from './context.js';
import { policyChanges } from './tables.js';
import { own } from '../../util/object-keys.js';

type ExternalPolicy = Policy & { readonly table: string };

function byTable(catalog: Catalog): Map<string, Record<string, Policy>> {
  const m = new Map<string, Record<string, Policy>>();
  for (const p of Object.values(catalog.externalPolicies ?? {}) as ExternalPolicy[]) {
    const rec = m.get(p.table) ?? {};
    rec[p.name] = omit(p, 'table') as Policy;
    m.set(p.table, rec);
  }
  return m;
}

export function platformChanges(from: Catalog, to: Catalog): Change[] {
  const out: Change[] = [];
  const a = byTable(from);
  const b = byTable(to);
  for (const table of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const before = a.get(table) ?? {};
    const after = b.get(table) ?? {};
    const changes = policyChanges(table, before, after);
    out.push(...changes);
    const recreated = new Set(changes.filter((c) => c.kind === 'CreatePolicy').map((c) => (c.kind === 'CreatePolicy' ? c.policy.name : '')));
    for (const [name, p] of Object.entries(after)) {
      out.push(...commentChange({ type: 'policy', table, name }, recreated.has(name) ? undefined : own(before, name)?.comment, p.comment));
    }
  }
  const buckets = { from: from.buckets ?? {}, to: to.buckets ?? {} };
  for (const id of [...new Set([...Object.keys(buckets.from), ...Object.keys(buckets.to)])].sort()) {
    const o = own(buckets.from, id);
    const n = own(buckets.to, id);
    if (o && n && same(o, n)) continue;
    out.push({ kind: 'SetBucket', id, ...(o ? { from: o } : {}), ...(n ? { to: n } : {}) });
  }
  const jobs = { from: from.cronJobs ?? {}, to: to.cronJobs ?? {} };
  for (const name of [...new Set([...Object.keys(jobs.from), ...Object.keys(jobs.to)])].sort()) {
    const o = own(jobs.from, name);
    const n = own(jobs.to, name);
    if (o && n && same(o, n)) continue;
    out.push({ kind: 'SetCronJob', name, ...(o ? { from: o } : {}), ...(n ? { to: n } : {}) });
  }
  return out;
}
