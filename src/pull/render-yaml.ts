/**
 * Pure: a Spec fragment as YAML text a person would write: nested maps in block style, small leaf
 * maps and lists on one line (`id: { type: uuid, primary_key: true }`), SQL bodies as `|` blocks.
 * A small emitter for plain data (maps, lists, scalars): fast on thousands of tables.
 */
import type { Spec } from '../spec/types.js';
import { inlineScalar, isBlockSafe, literalBlock } from './yaml-scalar.js';

const FLOW_MAX = 110;

/** Maps whose values are objects a person reads as blocks: a table, a function, a view. */
const OBJECT_PARENTS = new Set(['tables', 'functions', 'views', 'external']);
/** Keys whose map value stays a block even when short (a list of column names under `columns` may be one line). */
const BLOCK_KEYS = new Set(['columns', 'policies', 'triggers', 'checks', 'unique', 'foreign_keys']);
/** Keys whose value always stays a block. */
const ALWAYS_BLOCK_KEYS = new Set(['indexes']);

const isCollection = (value: unknown): value is object => value !== null && typeof value === 'object';

function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const _ in value) return false;
  return true;
}

/**
 * One-line flow form (`{ a: 1, b: [ x, y ] }`, `[]`, `{}`), or undefined when it would exceed
 * `budget` characters or hold a line break (it stops early: cheap on large collections).
 */
function tryFlow(value: unknown, budget: number): string | undefined {
  if (!isCollection(value)) {
    if (typeof value === 'string' && value.includes('\n')) return undefined;
    const text = inlineScalar(value);
    return text.length <= budget ? text : undefined;
  }
  let text = '';
  let used = 4;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    for (const item of value) {
      const part = tryFlow(item, budget - used);
      if (part === undefined) return undefined;
      used += part.length + 2;
      text = text === '' ? part : `${text}, ${part}`;
    }
    return used - 2 <= budget ? `[ ${text} ]` : undefined;
  }
  let any = false;
  for (const key in value) {
    any = true;
    const k = inlineScalar(key);
    const part = tryFlow((value as Record<string, unknown>)[key], budget - used - k.length - 2);
    if (part === undefined) return undefined;
    used += k.length + 2 + part.length + 2;
    text = text === '' ? `${k}: ${part}` : `${text}, ${k}: ${part}`;
  }
  if (!any) return '{}';
  return used - 2 <= budget ? `{ ${text} }` : undefined;
}

/**
 * The flow form when this collection reads best on one line: `key` is its key (`-` for a list
 * item), `parent` the key above it, `depth` how many keys lead to it from the root.
 */
function flowForm(value: object, key: string, parent: string | undefined, depth: number): string | undefined {
  if (isEmpty(value)) return Array.isArray(value) ? '[]' : '{}';
  if (depth < 2 || (parent !== undefined && OBJECT_PARENTS.has(parent))) return undefined;
  if ((BLOCK_KEYS.has(key) && !Array.isArray(value)) || ALWAYS_BLOCK_KEYS.has(key)) return undefined;
  return tryFlow(value, FLOW_MAX);
}

const pads: string[] = [];
const padOf = (indent: number): string => (pads[indent] ??= ' '.repeat(indent));

/**
 * Appends the text after `key:` (or `-`): ` value` on the same line, or a newline and an indented
 * block. A list item (`item`) puts the first line of a nested block map on its own line (`- a: 1`).
 */
function emitValue(out: string[], value: unknown, key: string, parent: string | undefined, depth: number, indent: number, item: boolean): void {
  if (value === null || value === undefined) {
    out.push(item ? ' null\n' : '\n');
    return;
  }
  if (typeof value === 'string' && isBlockSafe(value)) {
    out.push(` ${literalBlock(value, indent + 2)}`);
    return;
  }
  if (!isCollection(value)) {
    out.push(` ${inlineScalar(value, false)}\n`);
    return;
  }
  const oneLine = flowForm(value, key, parent, depth);
  if (oneLine !== undefined) {
    out.push(` ${oneLine}\n`);
    return;
  }
  if (item) {
    // `- ` then the block's first entry on the same line, its other entries aligned under it.
    const start = out.length;
    emitBlock(out, value, key, depth, indent + 2);
    out[start] = ` ${out[start]!.trimStart()}`;
    return;
  }
  out.push('\n');
  emitBlock(out, value, key, depth, indent + 2);
}

function emitBlock(out: string[], value: object, key: string | undefined, depth: number, indent: number): void {
  const pad = padOf(indent);
  if (Array.isArray(value)) {
    for (const child of value) {
      out.push(`${pad}-`);
      emitValue(out, child, '-', key, depth + 1, indent, true);
    }
    return;
  }
  for (const childKey in value) {
    out.push(`${pad}${inlineScalar(childKey, false)}:`);
    emitValue(out, (value as Record<string, unknown>)[childKey], childKey, key, depth + 1, indent, false);
  }
}

export function renderYaml(spec: Spec): string {
  if (isEmpty(spec)) return '{}\n';
  const out: string[] = [];
  emitBlock(out, spec, undefined, 0, 0);
  return out.join('');
}
