/**
 * The generated files on disk: written by `schema generate`, compared by `schema check --models`.
 * A models directory holds the package's files; a TypeScript target is one file.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSpec } from '../spec/index.js';
import { validateSpec } from '../rules/index.js';
import type { Spec } from '../spec/types.js';
import { InputError } from '../util/findings.js';
import { appModel } from './model.js';
import { renderSqlalchemy } from './sqlalchemy.js';
import { renderTypescript } from './typescript.js';

export type ArtifactKind = 'sqlalchemy' | 'typescript';

/** Loads and validates the spec; an invalid one is an input error (exit 2), as for `validate`. */
export async function loadValidSpec(dir: string, config: { readonly exposed_schemas: readonly string[]; readonly preset?: 'supabase' | 'none' }): Promise<Spec> {
  const loaded = await loadSpec(dir);
  const { errors } = validateSpec(loaded, { exposed_schemas: config.exposed_schemas, ...(config.preset ? { preset: config.preset } : {}) });
  if (errors.length > 0) throw new InputError(`the spec is invalid (${errors.length} error${errors.length === 1 ? '' : 's'})`, errors);
  return loaded.spec;
}

/** Relative path (`''` for the single TypeScript file) -> text. */
export function artifactFiles(kind: ArtifactKind, spec: Spec): ReadonlyMap<string, string> {
  const model = appModel(spec);
  return kind === 'sqlalchemy' ? renderSqlalchemy(model) : new Map([['', renderTypescript(model)]]);
}

const target = (out: string, rel: string): string => (rel === '' ? out : join(out, rel));

export function writeArtifacts(out: string, files: ReadonlyMap<string, string>): string[] {
  const written: string[] = [];
  for (const [rel, text] of files) {
    const path = target(out, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written.push(path);
  }
  return written;
}

/** Files on disk that differ from what the spec generates now: missing, or with other content. */
export function staleArtifacts(out: string, files: ReadonlyMap<string, string>): { readonly path: string; readonly state: 'missing' | 'changed' }[] {
  const stale: { path: string; state: 'missing' | 'changed' }[] = [];
  for (const [rel, text] of files) {
    const path = target(out, rel);
    if (!existsSync(path) || !statSync(path).isFile()) stale.push({ path, state: 'missing' });
    else if (readFileSync(path, 'utf8') !== text) stale.push({ path, state: 'changed' });
  }
  return stale;
}
