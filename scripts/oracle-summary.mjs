// Prints the oracle's share of transitions with every step ok, per kind and per failing step, from
// the reports the oracle test files write (`.schema/oracle-report-<major>-<shard>.json`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', '.schema');
const byMajor = new Map();
for (const file of readdirSync(dir).filter((f) => /^oracle-report-\d+-\d+\.json$/.test(f)).sort()) {
  const major = file.split('-')[2];
  byMajor.set(major, [...(byMajor.get(major) ?? []), ...JSON.parse(readFileSync(join(dir, file), 'utf8'))]);
}
const pct = (ok, all) => (all ? ((100 * ok) / all).toFixed(1) : '0.0');
for (const [major, results] of byMajor) {
  const kinds = new Map();
  const steps = new Map();
  for (const r of results) {
    const k = kinds.get(r.kind) ?? { all: 0, ok: 0 };
    k.all += 1;
    if (r.outcome.ok) k.ok += 1;
    else steps.set(r.outcome.failed, [...(steps.get(r.outcome.failed) ?? []), r.id]);
    kinds.set(r.kind, k);
  }
  const ok = results.filter((r) => r.outcome.ok).length;
  console.log(`PostgreSQL ${major}: ${ok}/${results.length} transitions with every step ok (${pct(ok, results.length)}%)`);
  for (const [kind, k] of [...kinds].sort()) console.log(`  ${kind.padEnd(20)} ${String(k.ok).padStart(3)}/${String(k.all).padEnd(4)} ${pct(k.ok, k.all)}%`);
  for (const [step, ids] of [...steps].sort()) console.log(`  failed at ${step}: ${ids.length}\n    ${ids.join('\n    ')}`);
}
