/**
 * Loads the spec directory: every `*.yaml`/`*.yml` file (recursive, sorted), parsed with positions,
 * merged into one Spec and checked against the JSON Schema. Malformed input throws InputError with
 * positioned findings (exit 2); an empty file is only a warning (it declares nothing).
 */
import { readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseQualifiedReference, qualifiedName } from '../catalog/names.js';
import { loadParser } from '../sql/parse.js';
import { compareFindings, InputError, type Finding } from '../util/findings.js';
import { decodeSpecBytes, MAX_FILE_BYTES, parseSpecYaml, type ParsedYaml } from './read-yaml.js';
import { checkShape } from './shape.js';
import { specFilePaths } from './files.js';
import type { LoadedSpec, SourcePosition, Spec } from './types.js';
import { own } from '../util/object-keys.js';

/** Sections whose entries are schema-scoped objects: `notifications` and `public.notifications` collide. */
const QUALIFIED_SECTIONS = new Set(['enums', 'domains', 'types', 'sequences', 'tables', 'external', 'functions', 'views']);

/**
 * Parsed files kept between runs, by path and bytes: an unchanged file is not parsed again. Only
 * files that parsed cleanly into a map are stored.
 */
export interface ParsedFileCache {
  get(file: string, bytes: Uint8Array): ParsedYaml | undefined;
  set(file: string, bytes: Uint8Array, parsed: ParsedYaml): void;
}

export async function loadSpec(dir: string, options: { readonly parsed?: ParsedFileCache } = {}): Promise<LoadedSpec> {
  const files = await listSpecFiles(dir);
  await loadParser();
  const findings: Finding[] = [];
  const warnings: Finding[] = [];
  const merged: Record<string, Record<string, unknown> | unknown> = {};
  const positions = new Map<string, SourcePosition>();
  /** Section -> normalized object name -> where it was first declared. */
  const declared = new Map<string, Map<string, SourcePosition>>();

  for (const file of files) {
    // Synchronous reads: a spec is many small files, and one await per file costs more than the read.
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      findings.push(fileError(file, 'file-too-large', `file is ${size} bytes; spec files are limited to ${MAX_FILE_BYTES} bytes`, 'split the spec into several smaller files'));
      continue;
    }
    const bytes = readFileSync(file);
    let parsed = options.parsed?.get(file, bytes);
    if (!parsed) {
      const decoded = decodeSpecBytes(file, bytes);
      if (decoded.text === undefined) {
        findings.push(...decoded.findings);
        continue;
      }
      parsed = parseSpecYaml(file, decoded.text);
      if (parsed.findings.length === 0 && isPlainObject(parsed.value)) options.parsed?.set(file, bytes, parsed);
    }
    if (parsed.findings.length > 0) {
      findings.push(...parsed.findings);
      continue;
    }
    if (parsed.value === undefined) {
      warnings.push({ ...fileError(file, 'empty-file', 'file is empty; it declares nothing', 'add declarations or delete the file'), severity: 'warning' });
      continue;
    }
    if (!isPlainObject(parsed.value)) {
      findings.push(fileError(file, 'expected-map', 'a spec file must be a map of sections (tables:, enums:, functions:, ...)', 'start the file with a section such as `tables:`'));
      continue;
    }
    /** `section` or `section/name` entries of this file that were merged; their positions are kept. */
    const accepted = new Set<string>();
    for (const [section, body] of Object.entries(parsed.value)) {
      // `x-...` keys hold YAML anchors for reuse within the file; they declare nothing.
      if (section.startsWith('x-')) continue;
      const sectionPos = parsed.positions.get(section)!;
      if (!positions.has(section)) positions.set(section, sectionPos);
      if (!isPlainObject(body)) {
        if (Object.hasOwn(merged, section)) {
          findings.push(at(sectionPos, 'duplicate-object', `section "${section}" is also declared at ${where(positions.get(section)!)}`, 'declare it once'));
        } else {
          merged[section] = body;
          accepted.add(section);
        }
        continue;
      }
      const target = (isPlainObject(own(merged, section)) ? merged[section] : (merged[section] = {})) as Record<string, unknown>;
      const names = declared.get(section) ?? new Map<string, SourcePosition>();
      declared.set(section, names);
      for (const [name, value] of Object.entries(body)) {
        const path = `${section}/${name}`;
        const pos = parsed.positions.get(path)!;
        const normalized = normalizeName(section, name);
        const earlier = names.get(normalized);
        if (earlier) {
          findings.push(at(pos, 'duplicate-object', `${section} "${name}" is already declared at ${where(earlier)}`, 'declare each object once; rename or delete one of them'));
          continue;
        }
        names.set(normalized, pos);
        target[name] = value;
        accepted.add(path);
      }
    }
    copyPositions(parsed.positions, accepted, positions);
  }
  if (findings.length > 0) throw new InputError(summary(findings), sortFindings(findings));
  const loaded: LoadedSpec = { spec: merged as Spec, positions, files, warnings: sortFindings(warnings) };
  const shape = await checkShape(loaded);
  if (shape.length > 0) throw new InputError(summary(shape), sortFindings(shape));
  return loaded;
}

/** Every `.yaml`/`.yml` file under `dir`, recursively, sorted; paths as `join(dir, relative)`. */
async function listSpecFiles(dir: string): Promise<string[]> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new InputError(`schema directory not found: ${dir}`, [
      fileError(dir, 'schema-dir-missing', `schema directory "${dir}" does not exist`, 'create it with `schema init`, or pass --schema DIR'),
    ]);
  }
  if (!info.isDirectory()) {
    throw new InputError(`not a directory: ${dir}`, [fileError(dir, 'schema-dir-missing', `"${dir}" is not a directory`, 'pass the directory holding the YAML files with --schema DIR')]);
  }
  const files = specFilePaths(dir);
  if (files.length === 0) {
    throw new InputError(`no YAML files in ${dir}`, [fileError(dir, 'no-spec-files', `"${dir}" holds no .yaml or .yml files`, 'add the spec files, or create an example with `schema init`')]);
  }
  return files;
}

function normalizeName(section: string, name: string): string {
  if (!QUALIFIED_SECTIONS.has(section)) return name;
  const ref = parseQualifiedReference(name.replace(/\(.*$/s, ''));
  return ref ? qualifiedName(ref.schema, ref.name) + name.slice(name.replace(/\(.*$/s, '').length) : name;
}

/** Copies the positions under accepted entries, in one pass (object names containing `/` keep their ancestors' positions). */
function copyPositions(from: ReadonlyMap<string, SourcePosition>, accepted: ReadonlySet<string>, to: Map<string, SourcePosition>): void {
  for (const [key, pos] of from) {
    const first = key.indexOf('/');
    if (first < 0) {
      if (accepted.has(key)) to.set(key, pos);
      continue;
    }
    const second = key.indexOf('/', first + 1);
    if (accepted.has(key.slice(0, first)) || accepted.has(second < 0 ? key : key.slice(0, second))) to.set(key, pos);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const where = (pos: SourcePosition): string => `${pos.file}:${pos.line}:${pos.col}`;

function at(pos: SourcePosition, code: string, message: string, fix?: string): Finding {
  return { ...pos, severity: 'error', code, message, ...(fix ? { fix } : {}) };
}

function fileError(file: string, code: string, message: string, fix?: string): Finding {
  return at({ file, line: 1, col: 1 }, code, message, fix);
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function summary(findings: readonly Finding[]): string {
  const n = findings.filter((f) => f.severity === 'error').length;
  return `the spec is malformed (${n} error${n === 1 ? '' : 's'})`;
}
