// Regenerates schema.json and the README spec reference from the built sources: `node scripts/write-spec-docs.mjs` after `npm run build`.
import { readFileSync, writeFileSync } from 'node:fs';
const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const { SPEC_JSON_SCHEMA, specReferenceMarkdown } = await import(`${root}/dist/spec/index.js`);
writeFileSync(`${root}/schema.json`, JSON.stringify(SPEC_JSON_SCHEMA, null, 2) + '\n');
const readme = readFileSync(`${root}/README.md`, 'utf8');
const body = specReferenceMarkdown().replace(/^# Spec reference\n/, '').replace(/^## /gm, '### ').trim();
const out = readme.replace(/(<!-- spec-reference:start[^>]*-->\n)[\s\S]*?(\n<!-- spec-reference:end -->)/, (_, a, b) => a + body + b);
writeFileSync(`${root}/README.md`, out);
