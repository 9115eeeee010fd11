import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_TEMPLATE } from '../../src/cli/commands/init.js';
import { checkConfig } from '../../src/cli/config-check.js';
import { defaultConfig, loadConfig } from '../../src/cli/config.js';
import { InputError } from '../../src/util/findings.js';
import { parseSpecYaml } from '../../src/spec/read-yaml.js';
import { runCli } from '../helpers/cli.js';

const check = (text: string) => {
  const parsed = parseSpecYaml('schema.config.yaml', text);
  expect(parsed.findings).toEqual([]);
  return checkConfig('schema.config.yaml', parsed.value, parsed.positions, defaultConfig);
};

describe('schema.config.yaml', () => {
  it('reads the template init writes, and settings over the defaults', () => {
    expect(check(CONFIG_TEMPLATE).findings).toEqual([]);
    const { config, findings } = check('db: postgres://u@h/app\nlock_timeout: 3000\nstatement_timeout: 2min\ntarget_version: 15\npreset: none\nexposed_schemas: [public, api]\n');
    expect(findings).toEqual([]);
    expect(config).toEqual({
      ...defaultConfig,
      db: 'postgres://u@h/app',
      lock_timeout: '3000',
      statement_timeout: '2min',
      target_version: 15,
      preset: 'none',
      exposed_schemas: ['public', 'api'],
    });
    expect(check('# only a comment\n').config).toBe(defaultConfig);
  });

  it('reports each wrong setting at its line with a fix, and a near miss by name', () => {
    const { findings } = check(
      'schema: schema\npreset: supabsae\ntarget_version: 13\nexposed_schemas: public\nlock_timeout: "5s; DROP TABLE t"\ndb: 5\nlock_timeot: 5s\nconstructor: 1\n',
    );
    expect(findings.map((f) => `${f.line}:${f.col} ${f.code} ${f.message.split(',')[0]}`)).toEqual([
      '2:1 config preset must be supabase or none',
      '3:1 config target_version must be a PostgreSQL major version from 14 to 18',
      '4:1 config exposed_schemas must be a list of schema names',
      '5:1 config lock_timeout must be a duration such as 5s',
      '6:1 config db must be a database URL',
      '7:1 unknown-key unknown setting "lock_timeot"',
      '8:1 unknown-key unknown setting "constructor"',
    ]);
    expect(findings.every((f) => f.severity === 'error' && f.file === 'schema.config.yaml' && f.fix)).toBe(true);
    expect(findings[5]!.fix).toBe('did you mean `lock_timeout`?');
    expect(check('- a\n- b\n').findings.map((f) => f.message)).toEqual(['expected a map of settings']);
  });

  it('refuses a file with a YAML error or a wrong setting as bad input, naming the line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'schema-config-'));
    try {
      writeFileSync(join(cwd, 'schema.config.yaml'), 'schema: schema\ndb: [unclosed\n');
      await expect(loadConfig(cwd)).rejects.toBeInstanceOf(InputError);
      writeFileSync(join(cwd, 'schema.config.yaml'), 'schema: schema\ntarget_version: eleven\n');
      const result = await runCli(['validate'], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^schema\.config\.yaml:2:1 error config: target_version must be a PostgreSQL major version from 14 to 18, not "eleven"\n  Fix: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
