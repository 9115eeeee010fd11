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

const isEmpty = (value: object): boolean => (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);

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
  const parts: string[] = [];
  let used = 4;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    for (const item of value) {
      const part = tryFlow(item, budget - used);
      if (part === undefined) return undefined;
      used += part.length + 2;
      parts.push(part);
    }
    return used - 2 <= budget ? `[ ${parts.join(', ')} ]` : undefined;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  for (const [key, child] of entries) {
    const k = inlineScalar(key);
    const part = tryFlow(child, budget - used - k.length - 2);
    if (part === undefined) return undefined;
    used += k.length + 2 + part.length + 2;
    parts.push(`${k}: ${part}`);
  }
  return used - 2 <= budget ? `{ ${parts.join(', ')} }` : undefined;
}

/** The flow form when this collection reads best on one line. `path`: keys from the root (list items add `-`). */
function flowForm(value: object, path: readonly string[]): string | undefined {
  if (isEmpty(value)) return Array.isArray(value) ? '[]' : '{}';
  const key = path[path.length - 1]!;
  if (path.length < 2 || OBJECT_PARENTS.has(path[path.length - 2]!)) return undefined;
  if ((BLOCK_KEYS.has(key) && !Array.isArray(value)) || ALWAYS_BLOCK_KEYS.has(key)) return undefined;
  return tryFlow(value, FLOW_MAX);
}

/** The text after `key:` (or `-`): ` value` on the same line, or a newline and an indented block. */
function valueText(value: unknown, path: readonly string[], indent: number): string {
  if (value === null || value === undefined) return '\n';
  if (typeof value === 'string' && isBlockSafe(value)) return ` ${literalBlock(value, indent + 2)}`;
  if (!isCollection(value)) return ` ${inlineScalar(value, false)}\n`;
  const oneLine = flowForm(value, path);
  if (oneLine !== undefined) return ` ${oneLine}\n`;
  return `\n${block(value, path, indent + 2)}`;
}

function block(value: object, path: readonly string[], indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.map((item) => `${pad}-${valueText(item, [...path, '-'], indent).replace(/^\n {2,}/, ' ').replace(/^\n$/, ' null\n')}`).join('');
  }
  return Object.entries(value)
    .map(([key, child]) => `${pad}${inlineScalar(key, false)}:${valueText(child, [...path, key], indent)}`)
    .join('');
}

export function renderYaml(spec: Spec): string {
  return isEmpty(spec) ? '{}\n' : block(spec, [], 0);
}
