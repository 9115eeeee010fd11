// `npm run bench`: every benchmark, one after the other, each printing its figures and ratios
// against peers measured in the same run. Sizes can be reduced with BENCH_QUICK=1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const only = process.argv.slice(2);
const suites = ['catalog.mjs', 'plan.mjs', 'lint.mjs', 'apply-stall.mjs', 'apply-bounds.mjs'].filter(
  (file) => existsSync(join(here, file)) && (only.length === 0 || only.some((o) => file.startsWith(o))),
);
let failed = 0;
for (const file of suites) {
  process.stdout.write(`\n=== ${file}\n`);
  const result = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
