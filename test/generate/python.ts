/** Runs the Debian Python (python3-sqlalchemy, python3-psycopg2, python3-psycopg) on a script of this folder. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's interpreter: the one the apt packages install into (a pyenv `python3` on PATH lacks them). */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface PythonRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runPython(script: string, args: readonly string[], pythonPath: string): PythonRun {
  const result = spawnSync(PYTHON, [join(import.meta.dirname, script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: pythonPath, PYTHONDONTWRITEBYTECODE: '1', SQLALCHEMY_SILENCE_UBER_WARNING: '1' },
    timeout: 60_000,
  });
  return { code: result.status ?? 1, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error ?? '') };
}

/** Fails loudly when the packages the models need are not installed (CI installs them in .ci/run). */
export function requirePythonPackages(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import sqlalchemy, psycopg2, psycopg; print(sqlalchemy.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`${PYTHON} cannot import sqlalchemy, psycopg2 and psycopg: install python3-sqlalchemy python3-psycopg2 python3-psycopg (apt)\n${probe.stderr}`);
  }
}
