/** Writes docs/rules/<id>.md for every rule: `node dist/rules/write-docs.js` from the repository root. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuleDoc } from './docs.js';
import { registry } from './registry.js';

const dir = join(process.cwd(), 'docs', 'rules');
mkdirSync(dir, { recursive: true });
for (const rule of registry) writeFileSync(join(dir, `${rule.id}.md`), renderRuleDoc(rule));
process.stdout.write(`wrote ${registry.length} rule pages to ${dir}\n`);
