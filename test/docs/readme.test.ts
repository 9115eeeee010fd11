/** The README documents every key of the YAML: its reference section is the JSON Schema's, verbatim. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { specReferenceMarkdown } from '../../src/spec/index.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('README', () => {
  it('holds the current YAML reference', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = /<!-- spec-reference:start[^>]*-->\n([\s\S]*?)\n<!-- spec-reference:end -->/.exec(readme)?.[1];
    const expected = specReferenceMarkdown().replace(/^# Spec reference\n/, '').replace(/^## /gm, '### ').trim();
    expect(section, 'regenerate the README section from specReferenceMarkdown()').toBe(expected);
  });

  it('documents every configuration key', async () => {
    const { defaultConfig } = await import('../../src/cli/config.js');
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const key of [...Object.keys(defaultConfig), 'db', 'shadow_url']) expect(readme).toContain(`| \`${key}\` |`);
  });
});
