/** Temporary spec directories for tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory holding `files` (name -> text or bytes); returns its path. */
export function specDir(files: Readonly<Record<string, string | Uint8Array>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'schema-spec-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** Runs `fn` and returns the InputError it throws (fails when it does not throw one). */
export async function inputError(fn: () => Promise<unknown>): Promise<{ message: string; findings: readonly { file: string; line: number; col: number; code: string; message: string; severity: string; fix?: string }[] }> {
  try {
    await fn();
  } catch (error) {
    if ((error as Error).name === 'InputError') return error as never;
    throw error;
  }
  throw new Error('expected an InputError');
}
