/**
 * Every switch over a Change is exhaustive at compile time: a kind added to the union and not
 * handled fails `tsc` (the default branches pass `never` to `unsupported`), not a run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

// Inside the repository, so the copy resolves the same node_modules.
const scratchRoot = join(REPO_ROOT, '.schema');
mkdirSync(scratchRoot, { recursive: true });
const scratch = mkdtempSync(join(scratchRoot, 'exhaustive-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function typecheck(): string {
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(scratch, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (error) {
    return (error as { stdout?: string }).stdout ?? String(error);
  }
}

describe('switches over Change', () => {
  it('fail to compile when a kind is added to the union and not handled', () => {
    cpSync(join(REPO_ROOT, 'src'), join(scratch, 'src'), { recursive: true });
    const config = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as Record<string, unknown>;
    // The plan engine and what it imports; `npm run typecheck` proves the unchanged sources compile.
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ ...config, include: ['src/plan/**/*.ts'] }));

    const file = join(scratch, 'src', 'plan', 'changes.ts');
    const source = readFileSync(file, 'utf8');
    const patched = source.replace("    | { readonly kind: 'SetComment';", "    | { readonly kind: 'ProbeKind'; readonly table: string }\n    | { readonly kind: 'SetComment';");
    expect(patched).not.toBe(source);
    writeFileSync(file, patched);
    const errors = typecheck();
    for (const at of ['src/plan/changes.ts', 'src/plan/order.ts', 'src/plan/render/index.ts']) {
      const lines = errors.split('\n').filter((line) => line.includes(at) && line.includes('error TS2345') && line.includes('"ProbeKind"'));
      expect(lines.length, `${at} must not compile with an unhandled kind:\n${errors}`).toBeGreaterThan(0);
    }
  });
});
