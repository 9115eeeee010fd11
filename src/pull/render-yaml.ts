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

function hasNewline(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\n');
  if (Array.isArray(value)) return value.some(hasNewline);
  if (value && typeof value === 'object') return Object.values(value).some(hasNewline);
  return false;
}

const isCollection = (value: unknown): value is object => value !== null && typeof value === 'object';

const isEmpty = (value: object): boolean => (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);

/** One-line flow form: `{ a: 1, b: [ x, y ] }`, `[]`, `{}`. */
function flow(value: unknown): string {
  if (!isCollection(value)) return inlineScalar(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map(flow).join(', ')} ]`;
  const entries = Object.entries(value);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${inlineScalar(k)}: ${flow(v)}`).join(', ')} }`;
}

/** `path`: the keys from the root to this value (list items add `-`). */
function isFlow(value: object, path: readonly string[]): boolean {
  if (isEmpty(value)) return true;
  const key = path[path.length - 1]!;
  return (
    path.length >= 2 &&
    !OBJECT_PARENTS.has(path[path.length - 2]!) &&
    !(BLOCK_KEYS.has(key) && !Array.isArray(value)) &&
    !ALWAYS_BLOCK_KEYS.has(key) &&
    !hasNewline(value) &&
    flow(value).length <= FLOW_MAX
  );
}

/** The text after `key:` (or `-`): ` value` on the same line, or a newline and an indented block. */
function valueText(value: unknown, path: readonly string[], indent: number): string {
  if (value === null || value === undefined) return '\n';
  if (typeof value === 'string' && isBlockSafe(value)) return ` ${literalBlock(value, indent + 2)}`;
  if (!isCollection(value)) return ` ${inlineScalar(value, false)}\n`;
  if (isFlow(value, path)) return ` ${flow(value)}\n`;
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
