import { describe, expect, it } from 'vitest';
import { checkDirectoryRules } from '../../src/rules/index.js';
import { BAD_DIRECTORY, GOOD_DIRECTORY } from './directory-cases.js';

const listing = (files: Readonly<Record<string, string>>) =>
  Object.entries(files).map(([name, text]) => ({ name, size: Buffer.byteLength(text) })).sort((a, b) => a.name.localeCompare(b.name));

describe('directory rules', () => {
  for (const [rule, cases] of Object.entries(BAD_DIRECTORY)) {
    for (const c of cases) {
      it(`${rule}: ${c.name}`, () => {
        const findings = checkDirectoryRules({ dir: 'migrations', files: listing(c.files), exposedSchemas: ['public'] });
        const hit = findings.find((f) => f.code === rule && f.file === `migrations/${c.file}`);
        expect(hit, JSON.stringify(findings)).toBeDefined();
        expect(hit!.severity).toBe(c.severity);
        expect([hit!.line, hit!.col]).toEqual([1, 1]);
      });
    }
  }

  it('a well-kept directory is clean', () => {
    expect(checkDirectoryRules({ dir: 'migrations', files: listing(GOOD_DIRECTORY), exposedSchemas: ['public'] })).toEqual([]);
  });
});
