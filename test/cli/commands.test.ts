import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { runCli } from '../helpers/cli.js';

describe('schema without a command', () => {
  it('prints its version alone, and lists every command in its help', async () => {
    for (const flag of ['--version', '-V']) {
      const version = await runCli([flag]);
      expect(version.code).toBe(0);
      expect(version.stdout.trim()).toBe(VERSION);
    }
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['init', 'validate', 'pull', 'plan', 'apply', 'status', 'check', 'lint', 'baseline']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });
});
