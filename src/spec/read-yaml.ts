/**
 * One YAML file -> plain data plus the position of every node. Malformed input becomes positioned
 * findings, never an exception: syntax errors, tabs, duplicate keys, non-UTF-8 or binary bytes,
 * oversized files and absurd nesting.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Finding } from '../util/findings.js';
import type { SourcePosition } from './types.js';

/** Larger spec files are refused: a real schema file is far smaller, and parsing cost grows with size. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** The deepest spec path is about 7 levels; anything beyond this is not a spec. */
export const MAX_DEPTH = 32;
/** Cap on nodes built per file, so alias expansion ("billion laughs") cannot explode. */
const MAX_NODES = 500_000;

export interface ParsedYaml {
  /** Undefined when the file is empty (or only comments). */
  readonly value: unknown;
  /** Slash path (from the document root) -> position; map entries point at their key. */
  readonly positions: ReadonlyMap<string, SourcePosition>;
  readonly findings: readonly Finding[];
}

const error = (file: string, line: number, col: number, code: string, message: string, fix?: string): Finding => ({
  file,
  line,
  col,
  severity: 'error',
  code,
  message,
  ...(fix ? { fix } : {}),
});

/** Decodes bytes as UTF-8, refusing binary content and invalid sequences with their position. */
export function decodeSpecBytes(file: string, bytes: Uint8Array): { text?: string; findings: Finding[] } {
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      findings: [
        error(file, 1, 1, 'file-too-large', `file is ${bytes.length} bytes; spec files are limited to ${MAX_FILE_BYTES} bytes`, 'split the spec into several smaller files, or remove generated data from the schema directory'),
      ],
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, col } = byteLineCol(bytes, nul);
    return { findings: [error(file, line, col, 'binary-file', 'file contains a NUL byte; it is not a YAML text file', 'remove binary files from the schema directory')] };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, findings: [] };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, col } = byteLineCol(bytes, bad);
    return { findings: [error(file, line, col, 'encoding', 'file is not valid UTF-8', 'save the file as UTF-8')] };
  }
}

function byteLineCol(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decodes = (length: number, stream = true): boolean => {
    try {
      // stream: a sequence cut by the prefix end is not an error yet.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  // Smallest prefix length that fails to decode; the byte that made it fail is at lo - 1.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (decodes(mid)) lo = mid;
    else hi = mid - 1;
  }
  if (decodes(lo, false)) return lo;
  // The prefix ends inside a sequence that the next byte breaks: point at its lead byte.
  for (let i = lo; i > lo - 4 && i > 0; i--) {
    if ((bytes[i - 1]! & 0xc0) === 0xc0) return i - 1;
    if ((bytes[i - 1]! & 0x80) === 0) break;
  }
  return lo;
}

const YAML_FIXES: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  DUPLICATE_KEY: 'remove or rename one of the duplicate keys',
  MULTIPLE_DOCS: 'keep one YAML document per file (remove the `---` separators)',
  BAD_INDENT: 'align the indentation of this block with its siblings',
  MISSING_CHAR: 'close the bracket or quote that was opened',
};

/** Nesting beyond this is refused before parsing: the YAML parser recurses and would overflow the stack. */
const MAX_SCAN_DEPTH = 200;

/**
 * A cheap scan for absurd nesting (indentation levels and open brackets), so the parser never sees it.
 * Approximate (brackets inside quotes count), which is fine at a limit far above any real spec.
 */
export function excessiveNesting(text: string, limit = MAX_SCAN_DEPTH): { line: number; col: number } | undefined {
  const indents: number[] = [];
  let brackets = 0;
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const content = raw.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = raw.length - content.length;
    while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
    indents.push(indent);
    if (indents.length > limit) return { line, col: indent + 1 };
    for (let i = 0; i < raw.length; i++) {
      const ch = raw[i];
      if (ch === '[' || ch === '{') {
        if (++brackets > limit) return { line, col: i + 1 };
      } else if (ch === ']' || ch === '}') brackets = Math.max(0, brackets - 1);
    }
  }
  return undefined;
}

/** Parses YAML text; positions are 1-based. */
export function parseSpecYaml(file: string, text: string): ParsedYaml {
  const deep = excessiveNesting(text);
  if (deep) {
    return {
      value: undefined,
      positions: new Map(),
      findings: [error(file, deep.line, deep.col, 'too-deep', `nesting deeper than ${MAX_SCAN_DEPTH} levels is not a valid spec`, 'flatten the structure; a spec is at most a few levels deep')],
    };
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    // uniqueKeys off: the library's check is quadratic; duplicates are found below in linear time.
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  } catch (cause) {
    const message = cause instanceof RangeError ? 'nesting is too deep to parse' : `could not parse: ${(cause as Error).message}`;
    return { value: undefined, positions: new Map(), findings: [error(file, 1, 1, 'yaml-syntax', message)] };
  }
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  if (doc.errors.length > 0) {
    const findings = doc.errors.map((e) => {
      const pos = at(e.pos[0]);
      const tab = e.code === 'TAB_AS_INDENT' || /\btab/i.test(e.message);
      const first = e.message.split('\n')[0] ?? e.message;
      if (/call stack/i.test(first)) return error(file, pos.line, pos.col, 'too-deep', 'nesting is too deep to parse', 'flatten the structure; a spec is at most a few levels deep');
      return error(file, pos.line, pos.col, tab ? 'yaml-tab' : 'yaml-syntax', first, YAML_FIXES[e.code] ?? (tab ? YAML_FIXES['TAB_AS_INDENT'] : 'fix the YAML syntax at this position'));
    });
    return { value: undefined, positions: new Map(), findings };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return { value: undefined, positions: new Map(), findings: [] };
  }
  return new Converter(file, doc, at).run();
}

class Converter {
  readonly #positions = new Map<string, SourcePosition>();
  readonly #findings: Finding[] = [];
  #nodes = 0;
  #tooDeep = false;
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    readonly at: (offset: number) => SourcePosition,
  ) {}

  run(): ParsedYaml {
    const value = this.#convert(this.doc.contents as Node, '', 0);
    return { value, positions: this.#positions, findings: this.#findings };
  }

  #fail(node: Node | null | undefined, code: string, message: string, fix?: string): void {
    const pos = this.at(node?.range?.[0] ?? 0);
    this.#findings.push(error(this.file, pos.line, pos.col, code, message, fix));
  }

  #convert(node: Node | null | undefined, path: string, depth: number): unknown {
    if (node === null || node === undefined) return null;
    if (++this.#nodes > MAX_NODES) {
      if (this.#nodes === MAX_NODES + 1) this.#fail(node, 'too-large', `more than ${MAX_NODES} YAML nodes (are aliases expanding?)`);
      return null;
    }
    if (depth > MAX_DEPTH) {
      if (!this.#tooDeep) this.#fail(node, 'too-deep', `nesting deeper than ${MAX_DEPTH} levels is not a valid spec`, 'flatten the structure; a spec is at most a few levels deep');
      this.#tooDeep = true;
      return null;
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        this.#fail(node, 'yaml-alias', `alias *${node.source} has no anchor &${node.source} before it in this file`, 'define the anchor in the same file (anchors do not cross files), e.g. under a top-level `x-templates:` key');
        return null;
      }
      return this.#convert(target as Node, path, depth + 1);
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, index) => {
        const childPath = path === '' ? String(index) : `${path}/${index}`;
        const itemNode = item as Node | null;
        if (itemNode?.range) this.#positions.set(childPath, this.at(itemNode.range[0]));
        out.push(isPair(item) ? this.#pairAsMap(item, childPath, depth + 1) : this.#convert(itemNode, childPath, depth + 1));
      });
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      const seen = new Map<string, SourcePosition>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const keyPos = this.at(keyNode?.range?.[0] ?? node.range?.[0] ?? 0);
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          this.#fail(keyNode ?? node, 'yaml-key', 'map keys must be plain names', 'write the key as a string');
          continue;
        }
        const key = String(keyNode.value);
        const earlier = seen.get(key);
        if (earlier) {
          this.#findings.push(
            error(this.file, keyPos.line, keyPos.col, 'duplicate-key', `duplicate key "${key}" (first at line ${earlier.line}, column ${earlier.col})`, YAML_FIXES['DUPLICATE_KEY']),
          );
          continue;
        }
        seen.set(key, keyPos);
        const childPath = path === '' ? key : `${path}/${key}`;
        this.#positions.set(childPath, keyPos);
        out[key] = this.#convert(pair.value as Node | null, childPath, depth + 1);
      }
      return { ...out };
    }
    this.#fail(node, 'yaml-syntax', 'unsupported YAML node');
    return null;
  }

  #pairAsMap(pair: { key: unknown; value: unknown }, path: string, depth: number): unknown {
    const keyNode = pair.key as Node | null;
    if (!isScalar(keyNode)) return null;
    const key = String(keyNode.value);
    return { [key]: this.#convert(pair.value as Node | null, `${path}/${key}`, depth + 1) };
  }
}
