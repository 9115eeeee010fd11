// Writes test/oracle/known-gaps.json from the oracle's last reports (`.schema/oracle-report-*.json`,
// see scripts/oracle-summary.mjs): each transition that did not pass, with the step it failed at and
// the first line of what went wrong. Review the result before committing it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dir = join(root, '.schema');
const gaps = {};
for (const file of readdirSync(dir).filter((f) => /^oracle-report-15-\d+\.json$/.test(f))) {
  for (const r of JSON.parse(readFileSync(join(dir, file), 'utf8'))) {
    if (r.outcome.ok) continue;
    const first = (r.outcome.detail ?? '').split('\n').find((l) => l.trim() && !/^(exit \d+|verify|shadow|Reading)/.test(l.trim())) ?? '';
    gaps[r.id] = `${r.outcome.failed}: ${first.trim().slice(0, 200)}`;
  }
}
const sorted = Object.fromEntries(Object.entries(gaps).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(root, 'test', 'oracle', 'known-gaps.json'), `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`${Object.keys(sorted).length} known gaps written`);
